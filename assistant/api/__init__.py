"""The HTTP API and the web UI it serves: `create_app()` in main.py."""
