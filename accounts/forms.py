from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "preferred_language", "gender", "birth_year"]
        widgets = {"birth_year": forms.NumberInput(attrs={"min": 1900, "max": 2100})}


class SignupForm(forms.Form):
    """The extra fields of allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS).

    allauth adds the email address and the password; the adapter's save_user
    stores the name and language on the new person.
    """

    full_name = forms.CharField(
        label=_("Full name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )

    field_order = ["full_name", "email", "preferred_language", "password1", "password2"]

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your name."))
        return name

    def signup(self, request: Any, user: User) -> None:
        # allauth requires this hook; AccountAdapter.save_user has already stored both fields.
        return None
