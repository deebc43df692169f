"""Words for problem codes (Qt-free so the CLI can use them): Chinese source text, translated through Qt's .qm."""
