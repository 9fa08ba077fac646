import pytest

from sendboard.publishing.plain_english import (
    expand_acronyms,
    names_in,
    readability,
    syllables,
    unexplained_acronyms,
    without_names,
)


def test_it_spells_out_an_acronym_only_the_first_time():
    texts = expand_acronyms(["More EHCPs were finished.", "Every EHCP was checked."])

    assert texts == [
        "More education, health and care plans (EHCPs) were finished.",
        "Every EHCP was checked.",
    ]


def test_it_capitalises_a_spelled_out_acronym_that_starts_a_sentence():
    assert expand_acronyms(["SALT waits fell."]) == [
        "Speech and language therapy (SALT) waits fell."
    ]


def test_an_acronym_the_writer_explained_is_left_alone():
    texts = expand_acronyms(["The Integrated Care Board (ICB) agreed.", "The ICB will report."])

    assert texts == ["The Integrated Care Board (ICB) agreed.", "The ICB will report."]


def test_it_does_not_spell_out_part_of_a_longer_word():
    assert expand_acronyms(["SENDIASS helped."])[0].startswith("SEND information, advice")


def test_names_become_job_titles():
    text = without_names(
        "Priya Okonkwo thanked priya okonkwo.", {"Priya Okonkwo": "the Head of SEND"}
    )

    assert text == "The Head of SEND thanked the Head of SEND."


@pytest.mark.parametrize(
    ("word", "count"), [("plan", 1), ("table", 2), ("education", 4), ("make", 1)]
)
def test_it_estimates_syllables(word, count):
    assert syllables(word) == count


def test_short_sentences_of_short_words_meet_the_target():
    measured = readability(["The board met. It heard from the group.", "Waits are down"])

    assert measured.sentences == 3
    assert measured.average_sentence_length == 3.7
    assert measured.meets_target


def test_long_sentences_of_long_words_miss_the_target():
    measured = readability(
        [
            "Notwithstanding considerable organisational complexity, the partnership's "
            "multidisciplinary transformation programme demonstrated substantially improved "
            "performance indicators regarding statutory assessment timeliness and administrative "
            "responsiveness across geographically dispersed localities."
        ]
    )

    assert measured.average_sentence_length > 20
    assert measured.long_word_percent > 30
    assert not measured.meets_target


def test_nothing_to_read_is_not_an_error():
    assert readability([]).words == 0


def test_it_lists_acronyms_used_before_they_are_spelled_out():
    texts = ["The ICB and the PCF met.", "The Parent Carer Forum (PCF) spoke.", "SALT (SALT)"]

    assert unexplained_acronyms(texts) == ["ICB", "PCF"]


def test_it_finds_names_of_people_in_the_text():
    assert names_in("Thanks to sam example.", ["Sam Example", "Ola Deputy"]) == ["Sam Example"]
