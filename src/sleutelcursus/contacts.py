"""The book page "Hulp en contact", generated from the registered contact points."""

from __future__ import annotations

from .plugins import PROJECT
from .registry import Contact


def _escape(text: str) -> str:
    # Contact data is plain text: keep MyST from reading roles or markup in it.
    return "".join("\\" + ch if ch in "\\`*_{}[]<>#|" else ch for ch in text)


def _block(contact: Contact) -> list[str]:
    lines = [f"### {_escape(contact.name)}", ""]
    if contact.description:
        lines += [_escape(contact.description), ""]
    if contact.email:
        lines.append(f"- E-mail: <mailto:{contact.email}>")
    if contact.phone:
        hours = f" ({_escape(contact.hours)})" if contact.hours else ""
        lines.append(f"- Telefoon: {_escape(contact.phone)}{hours}")
    elif contact.hours:
        lines.append(f"- Bereikbaar: {_escape(contact.hours)}")
    if contact.website:
        lines.append(f"- Website: <{contact.website}>")
    return lines + [""]


def contact_page(contacts: list[Contact]) -> str:
    """MyST Markdown for the contact page: local contacts first, then the national one."""
    local = [c for c in contacts if c.plugin != PROJECT]
    replaced = any(c.replaces_national for c in local)
    national = [] if replaced else [c for c in contacts if c.plugin == PROJECT]
    lines = [
        "# Hulp en contact",
        "",
        "Heb je een vraag over het opzetten of onderhouden van een sleutelpersonennetwerk?",
        "Hier staat wie je kunt bellen of mailen.",
        "",
    ]
    if local:
        lines += ["## In je eigen gemeente", ""]
        for contact in local:
            lines += _block(contact)
    if national:
        lines += ["## Landelijk adviespunt", ""]
        lines += ["Het landelijke adviespunt beantwoordt vragen over de handreiking en geeft advies.", ""]
        for contact in national:
            lines += _block(contact)
    lines += ['*Bron: Handreiking sleutelpersonennetwerk, "Advies nodig?".*', ""]
    return "\n".join(lines)
