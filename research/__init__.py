"""Research views: an operation's timeline, a speaker's record, and who appears with whom."""
