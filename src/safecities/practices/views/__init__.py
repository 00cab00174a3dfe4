"""The library's pages: public (search, practice, labels), contributors' (sign-up, the
guided form), reviewers' and organisers'. Thin: they call services and queries."""
