"""Training modules (issue 18, docs/training.md): a versioned package HQ signs, with Markdown text, embedded
images, a knowledge check per language, the roles it is required for and a refresher interval."""
