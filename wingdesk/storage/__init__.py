"""The only package that speaks SQL: SQLCipher connection, migrations, repositories, the wing's files."""
