"""What every app shares: review status and who may see unverified records, name folding, and
the site-wide guards of the admin. Imports none of the project's apps."""
