"""Members through the JSON API: a client that handles CSRF like a real script, and signup helpers."""

from __future__ import annotations

from datetime import date, timedelta

from flask.testing import FlaskClient

from tests.html import form_token

STRONG_PASSWORD = "stilla vatten har djup botten"


class Api:
    """A JSON API client that fetches and sends the CSRF token like a real script would."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.token: str | None = None

    def csrf(self) -> str:
        """The current CSRF token."""
        if self.token is None:
            self.token = self.client.get("/api/v1/session").get_json()["csrf_token"]
        return self.token

    def get(self, path: str, **kwargs):
        """GET /api/v1<path>."""
        return self.client.get("/api/v1" + path, **kwargs)

    def send(self, method: str, path: str, json=None, **kwargs):
        """A state-changing request with the CSRF header; a new token in the answer is kept."""
        headers = {"X-CSRF-Token": self.csrf(), **kwargs.pop("headers", {})}
        response = self.client.open("/api/v1" + path, method=method, json=json, headers=headers, **kwargs)
        body = response.get_json(silent=True)
        if isinstance(body, dict) and "csrf_token" in body:
            self.token = body["csrf_token"]
        if response.status_code in (204,) and path == "/logout":
            self.token = None
        return response

    def post(self, path: str, json=None, **kwargs):
        """POST with CSRF."""
        return self.send("POST", path, json, **kwargs)

    def signup(self, username: str = "anna", password: str = STRONG_PASSWORD, birth_date: str = "1970-05-31"):
        """Sign up (and so sign in)."""
        return self.post(
            "/signup",
            {"username": username, "password": password, "birth_date": birth_date, "accept_guidelines": True},
        )

    def login(self, username: str = "anna", password: str = STRONG_PASSWORD):
        """Sign in."""
        return self.post("/login", {"username": username, "password": password})

    def logout(self):
        """Sign out."""
        return self.post("/logout")

    def new_thread(
        self, title: str = "Hur orkar ni?", body: str = "Min pappa känner inte igen mig.", slug="demens"
    ):
        """Start a thread; returns the response."""
        return self.post(f"/categories/{slug}/threads", {"title": title, "body": body})

    def reply(self, thread_id: int, body: str = "Jag känner igen mig."):
        """Reply in a thread; returns the response."""
        return self.post(f"/threads/{thread_id}/posts", {"body": body})


def signed_up_member(new_api, username: str) -> Api:
    """A new member, signed up (and so signed in) through the API."""
    member = new_api()
    response = member.signup(username)
    assert response.status_code == 201, response.get_json()
    return member


def staff_member(new_api, runner, username: str, role: str) -> Api:
    """A signed-up member given a staff role through the real `flask users set-role` command."""
    member = signed_up_member(new_api, username)
    result = runner.invoke(args=["users", "set-role", username, role])
    assert result.exit_code == 0, result.output
    return member


def years_ago(years: int, today: date, days: int = 0) -> str:
    """ISO birth date `years` years (and `days` days more) before today, as a signup form sends it."""
    try:
        anniversary = today.replace(year=today.year - years)
    except ValueError:  # 29 February in a common year
        anniversary = today.replace(year=today.year - years, day=28)
    return (anniversary - timedelta(days=days)).isoformat()


def signup_form(client, username="anna", password=STRONG_PASSWORD, born=("31", "5", "1970"), accept=True):
    """Sign up through the real form (with its CSRF token)."""
    token = form_token(client.get("/signup").get_data(as_text=True))
    data = {
        "csrf_token": token,
        "username": username,
        "password": password,
        "birth_day": born[0],
        "birth_month": born[1],
        "birth_year": born[2],
    }
    if accept:
        data["accept_guidelines"] = "yes"
    return client.post("/signup", data=data)


def login_form(client, username="anna", password=STRONG_PASSWORD, next_path=None):
    """Sign in through the real form (with its CSRF token)."""
    url = "/login" + (f"?next={next_path}" if next_path else "")
    token = form_token(client.get(url).get_data(as_text=True))
    data = {"csrf_token": token, "username": username, "password": password}
    if next_path:
        data["next"] = next_path
    return client.post("/login", data=data)
