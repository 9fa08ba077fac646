"""The plan pages, a module for each part of a plan; `plans.urls` names them."""
