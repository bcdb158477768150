"""The book page "Hulp en contact", generated from the registered contact points."""

from __future__ import annotations

from urllib.parse import quote

from ..plugins.manager import PROJECT
from ..plugins.registry import Contact


def escape_markdown(text: str) -> str:
    # Contact data is plain text: keep MyST from reading roles or markup in it.
    return "".join("\\" + ch if ch in "\\`*_{}[]<>#|" else ch for ch in text)


def _block(contact: Contact) -> list[str]:
    lines = [f"### {escape_markdown(contact.name)}", ""]
    if contact.description:
        lines += [escape_markdown(contact.description), ""]
    if contact.email:
        # The address is the link text (a reader sees where the mail goes); the
        # registry accepted only valid addresses, the URL is still percent-encoded.
        lines.append(f"- E-mail: [{escape_markdown(contact.email)}](mailto:{quote(contact.email, safe='@+')})")
    if contact.phone:
        hours = f" ({escape_markdown(contact.hours)})" if contact.hours else ""
        lines.append(f"- Telefoon: {escape_markdown(contact.phone)}{hours}")
    elif contact.hours:
        lines.append(f"- Bereikbaar: {escape_markdown(contact.hours)}")
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
