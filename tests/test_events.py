"""The events extractor on sentences of the development cables (paragraph numbers as in
the cables): one event per dated occurrence, dates resolved against the cable's date."""

from __future__ import annotations

from datetime import date

from kg.extract import extract_cable
from kg.extract.dates import find_dates
from kg.model import Cable, Paragraph


def _events(ref: str, created: str, origin: str, *paragraphs: str) -> list[tuple[str, str | None]]:
    """The ``(type, date)`` of the events of a cable of these paragraphs, in text order;
    a range is written ``begin/end`` as the guideline writes it."""
    cable = Cable(
        ref, ref, created=created, origin=origin, paragraphs=[Paragraph(p) for p in paragraphs]
    )
    events = extract_cable(cable).events
    return [(e.type, e.begin if e.end == e.begin else f"{e.begin}/{e.end}") for e in events]


def test_two_dated_occurrences_in_one_sentence_are_two_events() -> None:
    # 08LONDON1853, paragraph 2: a defeat on July 11, a conversation on July 14.
    events = _events(
        "08LONDON1853",
        "2008-07-15T11:11",
        "Embassy London",
        "After the July 11 defeat of the U.S. draft UNSCR on Zimbabwe, FCO Zimbabwe Team "
        'Leader Ben Llewellyn-Jones said July 14 HMG will "give Zimbabwe a break in the '
        'Security Council for a little while."',
    )
    # The defeat (no trigger of its own) opens the sentence: an occurrence of type
    # "other". "will" does not move July 14 of a July 15 cable to the next year.
    assert events == [("other", "2008-07-11"), ("meeting", "2008-07-14")]


def test_meetings_on_one_day_with_different_people_stay_apart() -> None:
    # 05BRASILIA1044, paragraphs 1, 5 and 12: a three-day visit, two meetings on April 1.
    events = _events(
        "05BRASILIA1044",
        "2005-04-15T19:07",
        "Embassy Brasilia",
        "From March 30 to April 1, former Ambassador Thomas Pickering and Ambassador Alec "
        "Watson met with former Brazilian Ambassador to the U.S. Rubens Barbosa.",
        "On April 1, Pickering met with Marcelo Vasconcelos, Director of the Department of "
        "North America and the Caribbean Affairs.",
        "On April 1, Pickering asked Vice President Alencar about the GOB stance on nuclear "
        "proliferation.",
    )
    assert events == [
        ("visit", "2005-03-30/2005-04-01"),
        ("meeting", "2005-04-01"),
        ("meeting", "2005-04-01"),
    ]


def test_a_summary_repeating_a_meeting_is_one_event() -> None:
    # 07NEWDELHI2117, paragraphs 1 and 2.
    sentence = (
        "Poloffs met on April 27th with Pandit N. K. Sharma, former head of Muslim Outreach "
        "during the Rao government."
    )
    events = _events(
        "07NEWDELHI2117", "2007-05-03T10:10", "Embassy New Delhi", "Summary: " + sentence, sentence
    )
    assert events == [("meeting", "2007-04-27")]


def test_the_same_day_is_the_day_the_paragraph_gave() -> None:
    # 09SANJOSE28, paragraph 6.
    events = _events(
        "09SANJOSE28",
        "2009-01-20T18:06",
        "Embassy San Jose",
        'After some quiet behind-the-scenes diplomacy on our part, the MFA issued a "thank '
        'you" release on December 4. Minister of the Presidency Arias also personally thanked '
        "JTF-B commander Col. Richard Juergens and DCM Brennan in a hastily-arranged meeting in "
        "San Jose the same day.",
    )
    assert events == [("announcement", "2008-12-04"), ("meeting", "2008-12-04")]


def test_a_weekday_without_preposition_is_the_last_one() -> None:
    # 09REYKJAVIK131, paragraph 3; the cable is of Wednesday 29 July 2009.
    events = _events(
        "09REYKJAVIK131",
        "2009-07-29T16:04",
        "Embassy Reykjavik",
        "The UK Ambassador informed EmbOffs that he received the same information from the "
        "current Foreign Minister, Ossur Skarphedinsson, in a meeting Friday afternoon.",
    )
    assert events == [("meeting", "2009-07-24")]


def test_a_deadline_dates_nothing_and_a_month_folds_into_its_day() -> None:
    # 08TRIPOLI994, paragraphs 1 and 2.
    events = _events(
        "08TRIPOLI994",
        "2008-12-31T14:02",
        "Embassy Tripoli",
        "The diplomatic row between Switzerland and Libya prompted by the mid-July arrest of "
        "Hannibal al-Qadhafi has worsened again.",
        "The diplomatic fallout stemming from the July 15 arrest of Hannibal al-Qadhafi in "
        "Geneva continues to worsen. The Government of Libya (GOL) has ordered Swiss companies "
        "to cease operations in Libya and liquidate their assets by January 31.",
    )
    assert events == [("arrest", "2008-07-15"), ("announcement", None)]


def test_years_date_a_disaster_not_a_meeting() -> None:
    # 09SANJOSE28, paragraph 9; 08TRIPOLI635, paragraph 7.
    events = _events(
        "09SANJOSE28",
        "2009-01-20T18:06",
        "Embassy San Jose",
        "We have not provided this much assistance to Costa Rica since Hurricane Mitch in 2000.",
        "Representatives of U.S. engineering company AECOM, after conducting an initial Libyan "
        "wastewater treatment assessment in 2007, told Econoff that they had identified a total "
        "of 46 untreated sewage effluents.",
    )
    assert events == [("other", "2000-01-01/2000-12-31"), ("meeting", None)]


def test_dated_deals_are_signings_and_figures_of_speech_no_events() -> None:
    # 07TRIPOLI912, paragraph 2; 08MOSCOW1964, paragraphs 3 and 7.
    events = _events(
        "07TRIPOLI912",
        "2007-10-26T16:04",
        "Embassy Tripoli",
        "Eni will also expend at least $800 million for additional exploration activities, a "
        "sum approaching the $900 million exploration plan unveiled following British "
        "Petroleum's May 2007 deal with the NOC.",
        "The papers refute the public attacks against BP by their AAR partners.",
        "McKay had personal issues to deal with that hampered his ability to travel.",
    )
    assert events == [("signing", "2007-05")]


def test_a_trigger_outranks_a_dated_noun_and_pending_talks_are_ahead() -> None:
    # 05BRASILIA1839, paragraph 5; 09BUENOSAIRES641, paragraph 4.
    events = _events(
        "09BUENOSAIRES641",
        "2009-06-02T14:02",
        "Embassy Buenos Aires",
        "In addition, GOL has already gone in another direction internationally as it "
        "announced this week the signing of an MOU to establish a low-cost carrier in Mexico.",
        "The Ambassador explained that two other Military Group components were hoping for a "
        "temporary reprieve pending a fuller discussion of updating the 1964 agreement at joint "
        "U.S.-Argentine talks in October.",
    )
    assert events == [("announcement", "2009-06"), ("meeting", "2009-10")]


def test_points_delivered_are_a_meeting_supplies_delivered_are_not() -> None:
    # 07THEHAGUE2012, paragraph 1; 09SANJOSE28, paragraph 2.
    events = _events(
        "09SANJOSE28",
        "2009-01-20T18:06",
        "Embassy San Jose",
        "On November 19, Charge delivered reftel A points to Laurent Stokvis, Director of the "
        "Department of Western Hemisphere Affairs.",
        "On November 28, a USAID-chartered flight delivered over 34 tons of equipment.",
    )
    assert events == [("meeting", "2008-11-19"), ("other", "2008-11-28")]


def test_upcoming_elections_are_events_a_possible_new_one_is_not() -> None:
    # 05BRASILIA1839, paragraph 1; 09REYKJAVIK131, paragraph 5 with "the LGM" written
    # "the Congress" (a body the extractor knows alone, so the event needs no context).
    events = _events(
        "05BRASILIA1839",
        "2005-07-11T20:08",
        "Embassy Brasilia",
        "Given the political scandals in which the Lula administration is currently enmeshed, "
        "to avoid the accumulation of bad news the GOB may try to delay resolution of the Varig "
        "crisis until after the next presidential election.",
        "This is a sizeable threat that could hit home with several sitting members of the "
        "Congress who would be unlikely to be reelected to parliament in a new election.",
    )
    assert events == [("election", None)]


def test_every_date_of_a_sentence_in_reading_order() -> None:
    spans = find_dates(
        "Following the GOCR's disaster declaration on November 26, the Ambassador followed "
        "suit; on November 28, a flight delivered 34 tons by December 1.",
        date(2009, 1, 20),
    )
    assert [(s.begin, s.bound) for s in spans] == [
        ("2008-11-26", False),
        ("2008-11-28", False),
        ("2008-12-01", True),
    ]
