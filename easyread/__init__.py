"""The Easy Read edition's rules, its checker and its page.

One place knows the published Easy Read guidance: `rules.py` names each rule, its configurable
threshold and the wording of its findings, `text.py` splits a point into sentences and words,
`checker.py` applies the rules to an edition, family by family, `page.py` works out the rows the
Easy Read page and booklet show, and `stage.py` writes the rows that follow the strategy's data as
of the build day: where the plan is up to, and when and how to have your say. The licensed pictures
the points refer to are content, checked in plugins/content/pictures.py.
"""
