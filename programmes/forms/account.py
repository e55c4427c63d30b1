from __future__ import annotations

from django import forms

from ..models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "preferred_language", "gender", "birth_year"]
        widgets = {"birth_year": forms.NumberInput(attrs={"min": 1900, "max": 2100})}
