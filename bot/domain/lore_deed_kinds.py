"""Kinds of deed, coarse on purpose: a cause told of one deed answers why of another only when the
two are of one kind ("why did the Remans back Shinzon": "The Remans followed Shinzon because…"),
never of another ("why did Worf side with Gowron": not "Worf killed Gowron because…")."""

from __future__ import annotations

DEED_KINDS: dict[str, frozenset[str]] = {
    kind: frozenset(words.split())
    for kind, words in {
        "standing by": """back backed support supported side sided follow followed join joined help
            helped aid aided assist assisted serve served work worked team teamed ally allied befriend
            befriended protect protected defend defended stick stuck keep kept worship worshipped obey
            obeyed loyal loyalty sign signed rescue rescued save saved shelter sheltered supply supplied
            arm armed fund funded equip equipped""",
        "fighting": """attack attacked fight fought war betray betrayed oppose opposed kill killed
            murder murdered destroy destroyed invade invaded strike struck hunt hunted assassinate
            assassinated ram rammed crash crashed wreck wrecked sabotage sabotaged stab stabbed whack
            whacked flatten flattened hit shoot shot blow blew explode exploded smash smashed""",
        "deceiving": """lie lied deceive deceived trick tricked forge forged fake faked fool fooled
            cheat cheated mislead misled frame framed betray betrayed hide hid conceal concealed cover""",
        "making": """create created build built make made form formed clone cloned grow grew design
            designed""",  # not "found": "Worf found a way" is no founding
        "going": """go went visit visited travel travelled traveled come came head headed enter
            entered return returned""",
        "leaving": """leave left retreat retreated withdraw withdrew quit abandon abandoned flee fled
            bail bailed ditch ditched""",
        "defying": """defy defied disobey disobeyed ignore ignored refuse refused reject rejected""",
        "choosing": """choose chose pick picked want wanted name named appoint appointed select selected
            install installed crown crowned""",
    }.items()
}
