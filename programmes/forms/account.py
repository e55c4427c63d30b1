from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..models import Municipality, User


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


class InviteForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    language = forms.ChoiceField(
        label=_("Language of the invitation and the pages"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )
    contact_for = forms.ModelChoiceField(
        label=_("Municipality contact for"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_(
            "Optional. The person becomes a contact person of this municipality and "
            "must then sign in with two-factor authentication."
        ),
    )

    def __init__(self, *args: Any, may_name_contacts: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if may_name_contacts:
            self.fields["contact_for"].queryset = Municipality.objects.order_by("name")
        else:
            del self.fields["contact_for"]
