"""Pure rules of Kesu: no Django, no database, no clock of its own.

Functions take values (states, roles, calendars, the current time) and return values, so every
rule here is tested in milliseconds with unit and hypothesis property tests.
"""
