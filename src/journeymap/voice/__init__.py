"""Voice of the customer: feedback, surveys and social posts read onto the map."""
