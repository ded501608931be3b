"""Django messages whose Chinese Django does not ship yet (5.2 reworded them). Listed here so
`makemessages` collects them and Kesu's catalogue gives the Chinese; nothing imports this."""

from django.utils.translation import ngettext_lazy

MISSING_IN_DJANGO_ZH = (
    # django.contrib.auth.password_validation.MinimumLengthValidator (Django 5.2)
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "n",
    ),
)
