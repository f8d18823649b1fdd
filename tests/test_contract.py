"""The contract checker itself: present, and able to fail."""

from __future__ import annotations

import pytest

from tests.support.contract import SPEC_PATH, ContractViolation, load_contract

CALLBACK = "/interactions/123/token/callback"


@pytest.fixture
def contract():  # type: ignore[no-untyped-def]
    loaded = load_contract()
    if loaded is None:
        pytest.skip(f"Discord's OpenAPI spec is absent at {SPEC_PATH}: request bodies cannot be validated")
    return loaded


def test_a_valid_message_passes(contract) -> None:  # type: ignore[no-untyped-def]
    body = {"type": 4, "data": {"content": "Qapla'", "flags": 64, "allowed_mentions": {"parse": []}}}
    assert contract.check("POST", CALLBACK, body).template.endswith("/callback")


def test_an_upload_may_number_its_attachments_as_the_docs_show(contract) -> None:  # type: ignore[no-untyped-def]
    data = {
        "content": "log",
        "allowed_mentions": {"parse": []},
        "attachments": [{"id": 0, "filename": "a.txt"}],
    }
    contract.check("POST", CALLBACK, {"type": 4, "data": data})
    data["attachments"] = [{"id": [0], "filename": "a.txt"}]  # still checked: not a number, not a string
    with pytest.raises(ContractViolation, match="not valid"):
        contract.check("POST", CALLBACK, {"type": 4, "data": data})


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"type": 4, "data": {"content": 42, "allowed_mentions": {"parse": []}}}, "not valid"),
        ({"type": 4, "data": {"content": "@everyone"}}, "allowed_mentions"),
        (
            {"type": 4, "data": {"content": "hi", "allowed_mentions": {"parse": ["everyone"]}}},
            "allowed_mentions",
        ),
    ],
)
def test_a_bad_body_is_caught(contract, body, reason) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ContractViolation, match=reason):
        contract.check("POST", CALLBACK, body)


def test_an_unknown_route_is_caught(contract) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ContractViolation, match="not an operation"):
        contract.check("POST", "/channels/1/teleport", {"to": "Qo'noS"})


def test_literal_segments_win_over_placeholders(contract) -> None:  # type: ignore[no-untyped-def]
    op = contract.operation("PATCH", "/webhooks/1/tok/messages/@original")
    assert op.template == "/webhooks/{webhook_id}/{webhook_token}/messages/@original"


def test_embeds_over_six_thousand_characters_together_are_caught(contract) -> None:  # type: ignore[no-untyped-def]
    embed = {"title": "t", "description": "x" * 4000}
    body = {"type": 4, "data": {"embeds": [embed, embed], "allowed_mentions": {"parse": []}}}
    with pytest.raises(ContractViolation, match="over 6,000"):
        contract.check("POST", CALLBACK, body)


def test_named_users_may_be_pinged_but_never_roles(contract) -> None:  # type: ignore[no-untyped-def]
    ok = {"content": "hi", "allowed_mentions": {"parse": [], "users": [123456789012345678]}}
    contract.check("POST", "/channels/1/messages", ok)
    bad = {"content": "hi", "allowed_mentions": {"parse": [], "roles": ["123456789012345678"]}}
    with pytest.raises(ContractViolation, match="allowed_mentions"):
        contract.check("POST", "/channels/1/messages", bad)


def test_a_reply_may_name_its_message_by_integer_ids_as_discord_py_sends_them(contract) -> None:  # type: ignore[no-untyped-def]
    reply = {
        "embeds": [{"description": "Article II"}],
        "allowed_mentions": {"parse": [], "replied_user": False},
        "message_reference": {"message_id": 123456789012345678, "channel_id": 223456789012345678},
    }
    contract.check("POST", "/channels/1/messages", reply)
    reply["message_reference"] = {"message_id": [1]}  # still checked: not a number, not a string
    with pytest.raises(ContractViolation, match="not valid"):
        contract.check("POST", "/channels/1/messages", reply)
