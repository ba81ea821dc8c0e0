"""The project's defences against its own input, each in one place: what officer text may become in
HTML (sanitise), what a template may reach (sandbox), what a page may load (page_policy) and what
mkdocs.yml may ask of the build (config_policy). Nothing here imports the rest of the project."""
