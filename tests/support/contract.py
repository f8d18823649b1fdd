"""Request bodies the bot sends, checked against Discord's own OpenAPI description.

The spec is read from ../shared/discord-api-spec/openapi.json (beside the checkout);
it is never copied into the project.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parents[3] / "shared" / "discord-api-spec" / "openapi.json"
SPEC_URI = "urn:discord-openapi"
API_PREFIX = re.compile(r"^(https?://[^/]+)?(/api(/v\d+)?)?")

# Interaction callback types whose data is a message (CHANNEL_MESSAGE_WITH_SOURCE, UPDATE_MESSAGE).
MESSAGE_CALLBACK_TYPES = {4, 7}
# Places where a body is a message the bot writes; each must say who it may ping.
MESSAGE_ROUTES = {
    ("POST", "/channels/{channel_id}/messages"),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}"),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"),
}
EMBED_TOTAL_LIMIT = 6000  # Discord docs, "Embed Limits"
CALLBACK_ROUTE = ("POST", "/interactions/{interaction_id}/{interaction_token}/callback")


class ContractViolation(AssertionError):
    pass


@dataclass(frozen=True)
class Operation:
    template: str
    method: str
    schema: dict[str, Any] | None


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    return re.compile(f"^{pattern}$")


class Contract:
    def __init__(self, spec: dict[str, Any]) -> None:
        self._registry: Registry[Any] = Registry().with_resource(
            SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
        )
        # Literal segments beat placeholders (…/messages/@original before …/{message_id}).
        templates = sorted(spec["paths"], key=lambda t: (t.count("{"), -len(t)))
        self._routes = [
            (template, _template_regex(template), spec["paths"][template]) for template in templates
        ]
        self._validators: dict[tuple[str, str], Draft202012Validator] = {}

    def operation(self, method: str, path: str) -> Operation:
        path = API_PREFIX.sub("", path.split("?", 1)[0])
        for template, regex, item in self._routes:
            if regex.match(path) and method.lower() in item:
                body = item[method.lower()].get("requestBody", {}).get("content", {})
                return Operation(template, method.upper(), body.get("application/json", {}).get("schema"))
        raise ContractViolation(f"{method} {path} is not an operation in Discord's OpenAPI spec")

    def _validator(self, op: Operation) -> Draft202012Validator:
        key = (op.method, op.template)
        if key not in self._validators:
            pointer = "/".join(
                part.replace("~", "~0").replace("/", "~1")
                for part in (
                    "paths",
                    op.template,
                    op.method.lower(),
                    "requestBody",
                    "content",
                    "application/json",
                    "schema",
                )
            )
            self._validators[key] = Draft202012Validator(
                {"$ref": f"{SPEC_URI}#/{pointer}"}, registry=self._registry
            )
        return self._validators[key]

    def check(self, method: str, path: str, body: Any) -> Operation:
        """Raise ContractViolation unless `body` is valid for `method path`."""
        op = self.operation(method, path)
        if body is None:
            return op
        if op.schema is None:
            raise ContractViolation(
                f"{method} {op.template} takes no JSON body, but one was sent: {body!r:.200}"
            )
        error = best_match(self._validator(op).iter_errors(_snowflakes_as_strings(body)))
        if error is not None:
            where = "/".join(map(str, error.absolute_path)) or "<body>"
            shown = f"{where}: {error.message:.300}"
            raise ContractViolation(f"{method} {op.template} body is not valid per the spec: {shown}")
        self._check_mentions(op, body)
        self._check_embed_totals(op, body)
        return op

    @staticmethod
    def _message_of(op: Operation, body: Any) -> Any:
        if (op.method, op.template) == CALLBACK_ROUTE:
            return body.get("data") if body.get("type") in MESSAGE_CALLBACK_TYPES else None
        return body if (op.method, op.template) in MESSAGE_ROUTES else None

    @classmethod
    def _check_embed_totals(cls, op: Operation, body: Any) -> None:
        """Discord's docs cap all embeds of a message at 6,000 characters together; the spec
        only has the per-field limits (title 256, description 4,096, 25 fields), so the docs'
        rule is checked here."""
        message = cls._message_of(op, body)
        embeds = (message or {}).get("embeds") or []
        total = sum(
            len(e.get("title") or "")
            + len(e.get("description") or "")
            + len((e.get("footer") or {}).get("text") or "")
            + len((e.get("author") or {}).get("name") or "")
            + sum(len(f.get("name") or "") + len(f.get("value") or "") for f in e.get("fields") or [])
            for e in embeds
        )
        if total > EMBED_TOTAL_LIMIT:
            raise ContractViolation(f"{op.method} {op.template}: embeds hold {total} characters, over 6,000")

    @classmethod
    def _check_mentions(cls, op: Operation, body: Any) -> None:
        message = cls._message_of(op, body)
        if message is None:
            return
        mentions = message.get("allowed_mentions")
        # Named users may be pinged on purpose (a deadline reminder); @everyone and roles never.
        if not isinstance(mentions, dict) or mentions.get("parse") != [] or mentions.get("roles"):
            raise ContractViolation(
                f"{op.method} {op.template} carries a message without allowed_mentions.parse == [] "
                f"(it could ping @everyone or a role): {mentions!r}"
            )


def _snowflakes_as_strings(body: Any) -> Any:
    """discord.py sends allowed_mentions user and role ids as JSON integers; the spec types them
    as snowflake strings, while Discord's docs call them snowflakes and the API takes both (the
    docs win where the preview spec disagrees). Likewise a message's `attachments[].id`: with a
    file upload it is the index of the multipart part, sent as an integer by discord.py and shown
    as `"id": 0` in the docs' own upload example (Reference, Uploading Files), while the spec
    types it a snowflake string. And a reply's `message_reference` ids (message, channel, server):
    discord.py sends them as integers, which the docs' snowflakes and the API take. Recorded here,
    and nowhere else relaxed."""
    if not isinstance(body, dict):
        return body
    for holder in (body, body.get("data") if isinstance(body.get("data"), dict) else None):
        for attachment in (holder or {}).get("attachments") or []:
            if isinstance(attachment, dict) and isinstance(attachment.get("id"), int):
                attachment["id"] = str(attachment["id"])
        reference = (holder or {}).get("message_reference")
        if isinstance(reference, dict):
            for key in ("message_id", "channel_id", "guild_id"):
                if isinstance(reference.get(key), int):
                    reference[key] = str(reference[key])
        mentions = (holder or {}).get("allowed_mentions")
        if isinstance(mentions, dict):
            for key in ("users", "roles"):
                if isinstance(mentions.get(key), list):
                    mentions[key] = [str(v) if isinstance(v, int) else v for v in mentions[key]]
    return body


@cache
def load_contract() -> Contract | None:
    if not SPEC_PATH.is_file():
        return None
    return Contract(json.loads(SPEC_PATH.read_text(encoding="utf-8")))
