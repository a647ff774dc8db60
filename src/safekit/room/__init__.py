"""The trainer's room: what the room answered, aggregated and anonymous."""
