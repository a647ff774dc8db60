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
