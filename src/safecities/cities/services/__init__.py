"""The rules that change data, by concept: instrument versions, values and scores,
profiles and contacts, requests to learn, bilateral meetings."""
