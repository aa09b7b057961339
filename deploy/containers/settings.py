"""Settings for the app containers (BRYGGAN_CONFIG_FILE): nginx is the one proxy in front of them."""

PROXY_FIX_X_FOR = 1
PROXY_FIX_X_PROTO = 1
