"""Russian particles that people drop between the words of a phrase.

"возьми же себя в руки", "никто даже не заметит": they are left out of messages
and phrases alike.
"""
PARTICLES = frozenset({"же", "ж", "ведь", "уж", "ну", "даже", "прям", "блин", "вообще", "ваще", "вобще", "вообщем"})
