"""Library media bytes in chunks (library_media_chunks), and uploads staged under a media row

Revision ID: a7c3f9e1d2b4
Revises: e91f5a3b7c20
Create Date: 2026-11-27 21:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

import core.database  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision = 'a7c3f9e1d2b4'
down_revision = 'e91f5a3b7c20'
branch_labels = None
depends_on = None

# Must equal content.chunks.CHUNK_SIZE (copied: a migration must not change when the code does).
CHUNK_SIZE = 256 * 1024


def upgrade():
    op.create_table(
        'library_media_chunks',
        sa.Column('media_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ['media_id'], ['library_media.id'], name=op.f('fk_library_media_chunks_media_id_library_media'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('media_id', 'seq', name=op.f('pk_library_media_chunks')),
    )
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        # Video is compressed already: stored uncompressed, substr() reads only the TOAST pieces it needs.
        op.execute('ALTER TABLE library_media_chunks ALTER COLUMN data SET STORAGE EXTERNAL')
    # Copy each file a chunk at a time, so even a large library never sits in memory whole.
    for media_id, size in bind.execute(sa.text('SELECT id, size FROM library_media')).all():
        for seq, offset in enumerate(range(0, size, CHUNK_SIZE)):
            piece = bind.execute(
                sa.text('SELECT substr(data, :start, :length) FROM library_media WHERE id = :id'),
                {'start': offset + 1, 'length': CHUNK_SIZE, 'id': media_id},
            ).scalar()
            bind.execute(
                sa.text('INSERT INTO library_media_chunks (media_id, seq, data) VALUES (:id, :seq, :data)'),
                {'id': media_id, 'seq': seq, 'data': bytes(piece)},
            )
    with op.batch_alter_table('library_media', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staged_at', core.database.UTCDateTime(), nullable=True))
        batch_op.drop_column('data')


def downgrade():
    bind = op.get_bind()
    # Uploads still arriving have no place in the old layout.
    bind.execute(sa.text('DELETE FROM library_media_chunks WHERE media_id IN '
                         '(SELECT id FROM library_media WHERE staged_at IS NOT NULL)'))
    bind.execute(sa.text('DELETE FROM library_media WHERE staged_at IS NOT NULL'))
    with op.batch_alter_table('library_media', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data', sa.LargeBinary(), nullable=True))
        batch_op.drop_column('staged_at')
    for (media_id,) in bind.execute(sa.text('SELECT id FROM library_media')).all():
        pieces = bind.execute(
            sa.text('SELECT data FROM library_media_chunks WHERE media_id = :id ORDER BY seq'), {'id': media_id}
        ).scalars()
        bind.execute(
            sa.text('UPDATE library_media SET data = :data WHERE id = :id'),
            {'data': b''.join(bytes(piece) for piece in pieces), 'id': media_id},
        )
    with op.batch_alter_table('library_media', schema=None) as batch_op:
        batch_op.alter_column('data', existing_type=sa.LargeBinary(), nullable=False)
    op.drop_table('library_media_chunks')
