"""The Easy Read edition's rules, its checker and its page.

One place knows the published Easy Read guidance: `rules.py` names each rule, its configurable
threshold and the wording of its findings, `text.py` splits a point into sentences and words,
`checker.py` applies the rules to an edition, family by family, and `page.py` works out the rows the
Easy Read page and booklet show. The licensed pictures the points refer to are content, checked in
plugins/content/pictures.py.
"""
