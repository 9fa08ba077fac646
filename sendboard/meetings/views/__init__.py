"""The meeting pages, a module for each part of a meeting; `meetings.urls` names them."""
