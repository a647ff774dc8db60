"""Text helpers of the core: sorting in a reader's alphabet."""


def test_names_sort_in_the_readers_alphabet():
    from safekit.core.text import collation_key

    names = ["Шанса", "Open Gate", "Јован", "Ана", "Ѓорѓи", "Жана"]
    assert sorted(names, key=lambda n: collation_key(n, "mk")) == [
        "Ана",
        "Ѓорѓи",
        "Жана",
        "Јован",
        "Шанса",
        "Open Gate",
    ]
    assert sorted(names, key=lambda n: collation_key(n, "en"))[0] == "Open Gate"  # own script first
    hungarian = ["Zoltán", "Ödön", "Oszkár", "Ágnes", "Attila", "Éva", "Emese"]
    assert sorted(hungarian, key=lambda n: collation_key(n, "hu")) == [
        "Ágnes", "Attila", "Emese", "Éva", "Oszkár", "Ödön", "Zoltán"
    ]  # fmt: skip
    assert sorted(["Zoltán", "Ödön"]) == ["Zoltán", "Ödön"]  # what Python's own order would give


def test_a_pseudonym_in_any_script_makes_a_distinct_file_name():
    from safekit.sessions.store import pseudonym_slug

    names = ["Тиха Чапла 42", "Ясна Сова 42", "Ѓорѓи Сокол 11", "Fényes Fűzfa 12", "Bright Orchid 46"]
    slugs = [pseudonym_slug(n) for n in names]
    assert slugs == [
        "tiha-chapla-42",
        "yasna-sova-42",
        "gjorgji-sokol-11",
        "fenyes-fuzfa-12",
        "bright-orchid-46",
    ]
    assert pseudonym_slug("???") == "participant"
