"""Publishing: build, serve and export the site, print its booklets, index it for search, check its links, read
content at a git revision and work out the day the site is built as. Nothing here imports the MkDocs plugin:
MkDocs loads it by name, from mkdocs.yml."""
