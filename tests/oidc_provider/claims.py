"""The claims the test provider gives: every address verified, except one kept unverified."""

UNVERIFIED_PREFIX = "unverified"


def userinfo(claims: dict, user) -> dict:
    claims["email"] = user.email
    claims["email_verified"] = not user.username.startswith(UNVERIFIED_PREFIX)
    claims["name"] = user.get_full_name()
    return claims
