"""Words and numbers for people: formatting (babel) and the string catalogue (both languages).

The base layer under everything: every other package may import it, it imports nothing of the
dashboard (a staff message in ``dashboard/data`` formats a number the same way a page does).
"""
