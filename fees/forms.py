"""Forms of the invoice bases' lines and of a municipality's buyer's details."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from fees.models import BuyerDetails, FeeLine


class FeeLineForm(forms.ModelForm):
    class Meta:
        model = FeeLine
        fields = ["description", "amount", "reduction", "note"]

    def _post_clean(self) -> None:
        pass


class FeeLineChangeForm(forms.Form):
    reduction = forms.DecimalField(
        label=_("Reduction (SEK)"), max_digits=10, decimal_places=2, initial=Decimal("0")
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class BuyerDetailsForm(forms.ModelForm):
    class Meta:
        model = BuyerDetails
        fields = ["buyer_reference", "cost_centre", "order_number"]

    def validate_unique(self) -> None:
        # The municipality is set by the service, which keeps one row per municipality.
        pass
