"""Khitomer's content (lore, treaties, powers, scenarios), installed as the package `bot.data`.

Nothing to import here: this file only makes data/ a regular package, so that
importlib.resources finds it in a checkout, an editable install and a wheel alike.
"""
