from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from linli.core.choices import AuditEventType
from linli.core.validators import NoControlCharacters


class StyledForm(forms.Form):
    """Adds Bootstrap's classes to every widget, so templates render fields uniformly, and
    refuses control characters in every text field (tab and line breaks only in text areas)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                multiline = isinstance(field.widget, forms.Textarea)
                # Ours covers NUL too, with a message that says what to do.
                field.validators = [
                    v
                    for v in field.validators
                    if not isinstance(v, ProhibitNullCharactersValidator)
                ]
                field.validators.append(NoControlCharacters(multiline=multiline))
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                continue
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue  # styled by .check-grid (the class would land on the container too)
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class AuditFilterForm(StyledForm):
    event_type = forms.ChoiceField(
        label=_("Event"), required=False, choices=[("", _("All events")), *AuditEventType.choices]
    )
    username = forms.CharField(label=_("Username"), required=False, max_length=150)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class FastSelect(forms.Select):
    """A select rendered in one pass instead of a template per option: the registry's filter bar
    has about a hundred options and is drawn on every list request. Its choices are fixed, so each
    language's escaped options are built once per process; Django copies the widget for every
    form with ``copy.copy``, which shares the cache."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._escaped: dict[str, list[tuple[str, str, str]]] = {}

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{key}"{" selected" if raw in chosen else ""}>{label}</option>'
            for raw, key, label in self._escaped_choices()
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))  # noqa: S308 (escaped above)

    def _escaped_choices(self) -> list[tuple[str, str, str]]:
        language = get_language()
        escaped = self._escaped.get(language)
        if escaped is None:
            escaped = [
                (str(value), conditional_escape(str(value)), conditional_escape(str(label)))
                for value, label in self.choices
            ]
            self._escaped[language] = escaped
        return escaped


class FastInputMixin:
    """An input rendered in one call instead of through the widget template (see FastSelect)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(  # type: ignore[attr-defined]
            self.attrs,  # type: ignore[attr-defined]
            {**(attrs or {}), "type": self.input_type, "name": name},  # type: ignore[attr-defined]
        )
        shown = self.format_value(value)  # type: ignore[attr-defined]
        if shown not in (None, ""):
            final_attrs["value"] = shown
        return format_html("<input{}>", flatatt(final_attrs))


class FastTextInput(FastInputMixin, forms.TextInput):
    pass


class FastDateInput(FastInputMixin, forms.DateInput):
    pass


def posted_id(data: Any, key: str) -> int | None:
    """The positive whole number a button posted under ``key`` (a row's id), or None for
    anything else: a tampered or truncated value is "no such row", not a server error."""
    value = str(data.get(key, "")).strip()
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    number = int(value)
    return number if number > 0 else None
