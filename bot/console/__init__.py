"""The offline console: the real bot from create_bot(), run inside SimCord with a demo server.

Type slash commands as in Discord, press buttons with `click`, switch members with `as`.
`khitomer console --script FILE` runs a file of such lines and stops at the first failure.
"""
