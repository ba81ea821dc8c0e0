"""The Easy Read edition's rules, its checker and its pictures.

One place knows the published Easy Read guidance: `rules.py` names each rule and
its configurable threshold, `checker.py` applies them to an edition, and
`pictures.py` finds the licensed pictures the points refer to.
"""
