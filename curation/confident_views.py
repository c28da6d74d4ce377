"""The confirmation page of the bulk action "verify pending records with confidence ≥ X": how
many records it touches and the precision measured at X on the development set, then the
verification itself on confirm."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from curation.decisions import confident_pending, verify_confident

DEFAULT_THRESHOLD = 0.9


class ThresholdForm(forms.Form):
    threshold = forms.FloatField(
        min_value=0,
        max_value=1,
        initial=DEFAULT_THRESHOLD,
        label="Confidence at least",
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
    )


def verify_confident_view(model_admin, request, queryset):
    """Show the count and measured precision for the threshold given (0.9 at first); verify
    only when the page that showed them is confirmed for that same threshold (a threshold
    changed and confirmed at once is shown first)."""
    given = request.POST if "threshold" in request.POST else {"threshold": DEFAULT_THRESHOLD}
    form = ThresholdForm(given)
    threshold = form.cleaned_data["threshold"] if form.is_valid() else None
    confirmed = (
        threshold is not None
        and "confirm" in request.POST
        and request.POST.get("shown") == str(threshold)
    )
    if confirmed:
        count = verify_confident(queryset, threshold=threshold, user=request.user)
        model_admin.message_user(
            request,
            f"{count} pending record(s) with confidence ≥ {threshold:.2f} verified.",
            messages.SUCCESS,
        )
        return None
    shown = threshold if threshold is not None else DEFAULT_THRESHOLD
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Verify pending {opts.verbose_name_plural} by confidence",
        "opts": opts,
        "form": form,
        "threshold": shown,
        "shown": str(shown),
        "count": confident_pending(queryset, threshold=shown).count(),
        "selected": queryset.count(),
        "precision": model_admin.measured_precision(shown),
        "selected_ids": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "select_across": request.POST.get("select_across", "0"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "can_confirm": form.is_valid(),
    }
    return TemplateResponse(request, "curation/verify_confident.html", context)
