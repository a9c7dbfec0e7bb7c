"""The telegram header: routing lines, TO/INFO addressees, banner, declassification."""

from __future__ import annotations

from kg.model import Recipient
from kg.parse import header
from kg.parse.declassify import parse_nondisclosure_deadline

SEED_HEADER = (
    "VZCZCXRO4403\nRR RUEHDBU RUEHLN RUEHVK RUEHYG\nDE RUEHTA #0367/01 0430428\n"
    "ZNR UUUUU ZZH\nR 120428Z FEB 07\nFM AMEMBASSY ASTANA\nTO RUEHC/SECSTATE WASHDC 8416\n"
    "INFO RUCNCIS/CIS COLLECTIVE 0027\nRUEAWJA/DEPT OF JUSTICE WASHDC//ICITAP\n"
    "RUEHAST/USOFFICE ALMATY"
)


def test_seed_routing() -> None:
    assert header.parse_transmission_id(SEED_HEADER) == "VZCZCXRO4403"
    assert header.parse_date_time_group(SEED_HEADER) == (
        "ROUTINE",
        "120428Z FEB 07",
        "2007-02-12T04:28",
    )
    assert header.parse_sender(SEED_HEADER) == "AMEMBASSY ASTANA"
    assert header.parse_sender_route(SEED_HEADER) == "RUEHTA"
    assert header.parse_recipients(SEED_HEADER) == [
        Recipient(name="SECSTATE WASHDC", route="RUEHC", mcn="8416")
    ]
    assert header.parse_info_recipients(SEED_HEADER) == [
        Recipient(name="CIS COLLECTIVE", route="RUCNCIS", mcn="0027"),
        Recipient(name="DEPT OF JUSTICE WASHDC//ICITAP", route="RUEAWJA"),
        Recipient(name="USOFFICE ALMATY", route="RUEHAST"),
    ]


def test_page_noise_and_precedence_in_address_block() -> None:
    text = (
        "FM SECSTATE WASHDC\nTO PAGE 02        STATE   015113  182333Z \n"
        "ALL DIPLOMATIC POSTS COLLECTIVE PRIORITY\nAMEMBASSY TRIPOLI NIACT IMMEDIATE"
    )
    assert header.parse_recipients(text) == [
        Recipient(name="ALL DIPLOMATIC POSTS COLLECTIVE", precedence="PRIORITY"),
        Recipient(name="AMEMBASSY TRIPOLI", precedence="NIACT IMMEDIATE"),
    ]


def test_xmt_lines_exclude_posts_from_the_collective() -> None:
    text = (
        "TO RUEHC/SECSTATE WASHDC IMMEDIATE 3355\nRUEHX/EUROPEAN POLITICAL COLLECTIVE\n"
        "XMT AMEMBASSY SOFIA\nAMEMBASSY BUCHAREST"
    )
    recipients = header.parse_recipients(text)
    assert [r.name for r in recipients] == ["SECSTATE WASHDC", "EUROPEAN POLITICAL COLLECTIVE"]
    assert recipients[1].excluded == ["AMEMBASSY SOFIA", "AMEMBASSY BUCHAREST"]
    assert header.parse_info_recipients("INFO XMT FOOBAR") == []


def test_classification_from_banner_and_table() -> None:
    assert header.parse_classification("S E C R E T SECTION 01 OF 02 BERN 000881") is not None
    secret = header.parse_classification("S E C R E T BERN 000881\n\nNOFORN\nSIPDIS\n")
    assert str(secret) == "SECRET//NOFORN//SIPDIS"
    table = header.parse_classification(
        "UNCLAS MEXICO 000953", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    )
    assert str(table) == "UNCLASSIFIED//FOUO"
    assert header.parse_classification("TAGS: PGOV") is None


def test_section_count_partial_and_addressees() -> None:
    body = (
        "UNCLAS SECTION 01 OF 02 ASTANA 000367 \n \nSIPDIS \n \n"
        "STATE FOR INL ALTON, AND CARROLL; EUR/ACE; SCA/CEN FOR OMARA; \n"
        "JUSTICE FOR GREG DUCOT \n \nSIPDIS \n \nE.O. 12958: N/A \nTAGS: SNAR KZ\n"
    )
    assert header.parse_section_count(body) == 2
    assert header.parse_addressees(body) == [
        "STATE FOR INL ALTON, AND CARROLL; EUR/ACE; SCA/CEN FOR OMARA",
        "JUSTICE FOR GREG DUCOT",
    ]
    partial = "This record is a partial extract of the original cable. The full text ..."
    assert header.parse_is_partial(partial)
    assert not header.parse_is_partial(body)


def test_nondisclosure_deadline_forms() -> None:
    assert parse_nondisclosure_deadline("DEPT FOR WHA/BSC E.O. 12958: DECL: 11/22/2012 ") == (
        "2012-11-22"
    )
    assert parse_nondisclosure_deadline("E.o. 12958: decl: 07/01/2034") == "2034-07-01"
    assert parse_nondisclosure_deadline("EO 12958 DECL: 13/45/2020") is None  # no such date
    assert parse_nondisclosure_deadline("E.O. 12356: DECL: OADR") is None


def test_addressees_skip_a_dump_row_routing_and_repeated_classification() -> None:
    # 09MONTERREY183 as the page has it: a Cablegate dump row (classification field, then
    # the routing header) above the telegram's own banner
    body = (
        "207793\n2009-05-19 19:20:00\n09MONTERREY183\nConsulate Monterrey\nCONFIDENTIAL\n\n"
        "VZCZCXRO8366\nRR RUEHCD RUEHGD RUEHHO RUEHNG RUEHNL RUEHRD RUEHRS RUEHTM\n"
        "DE RUEHMC #0183/01 1391920\nZNY CCCCC ZZH\nR 191920Z MAY 09\nFM AMCONSUL MONTERREY\n"
        "TO RUEHC/SECSTATE WASHDC 3707\nINFO RUEHME/AMEMBASSY MEXICO 4761\n"
        "RUEHXC/ALL US CONSULATES IN MEXICO COLLECTIVE\nRUEABND/DEA HQ WASHDC\n\n"
        "C O N F I D E N T I A L SECTION 01 OF 02 MONTERREY 000183 \n \nSIPDIS \n \n"
        "SECSTATE FOR DS/IP \n \nE.O. 12958: DECL:  5/19/2019 \nTAGS: ASEC SNAR CASC KCRM MX\n"
    )
    assert header.parse_addressees(body) == ["SECSTATE FOR DS/IP"]
    # 03ROME2045 and 09MBABANE141: a classification line under the banner is no addressee;
    # 05BUENOSAIRES141: a surname that opens with R is no routing indicator
    rome = (
        "C O N F I D E N T I A L SECTION 01 OF 06 ROME 002045 \n \nSIPDIS \n \n"
        "                       CONFIDENTIAL \n \nNOFORN \n \nCENTCOM FOR J5, POLAD \n \n"
        "E.O. 12958: DECL: 05/12/2013 \n"
    )
    assert header.parse_addressees(rome) == ["CENTCOM FOR J5, POLAD"]
    buenos_aires = (
        "C O N F I D E N T I A L SECTION 01 OF 08 BUENOS AIRES 000141 \n \nSIPDIS \n \n"
        "NSC FOR TOM SHANNON, KIM BRIER, NILMINI GUNARATNE, DEL \n\nRENIGAR \n\n"
        "USCINCSO FOR POLAD \n\nE.O. 12958: DECL: 01/25/2015\n"
    )
    assert header.parse_addressees(buenos_aires) == [
        "NSC FOR TOM SHANNON, KIM BRIER, NILMINI GUNARATNE, DEL",
        "RENIGAR",
        "USCINCSO FOR POLAD",
    ]
