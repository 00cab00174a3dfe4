"""Every rule that changes the library, by concept:

* ``accounts``: contributors sign up and verify their email address;
* ``drafting``: a contributor writes a practice step by step and submits it;
* ``review``: organisers assign reviewers, reviewers score, organisers decide;
* ``publication``: the evidence rule applied, versions, updates, the search index.
"""
