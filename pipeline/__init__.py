"""Stages of the medborgarlöften pipeline: fetch -> snapshots -> clean -> extract -> load."""
