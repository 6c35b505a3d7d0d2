from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """Django's makemessages, without fuzzy matching: a guessed translation of a new string
    is worse than none, because a test fails on an empty one but not on a wrong one."""

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
