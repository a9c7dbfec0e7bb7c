"""The built-in vocabulary the synthetic cables are written from.

Posts (with their real routing indicators and FIPS geographic TAGS), addressee collectives,
TAGS grouped by topic, organizations with acronyms, ministries, titles, fictional personal
names and the phrases sentences are made of. Called by :mod:`kg.synth.spec` only.

Facts (routing indicators, FIPS codes, TAGS) are public: ACP 117 routing indicators and the
State Department TAGS handbook (5 FAH-3), the same sources as ``../shared/reference``. Every
person is fictional: the generator must never put invented words in a real person's mouth.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AGENCIES",
    "AMERICAN_NAMES",
    "COLLECTIVES",
    "LOCAL_NAMES",
    "MINISTRIES",
    "MONTHS",
    "POSTS",
    "OFFICER_TITLES",
    "OFFICES",
    "OFFICIAL_TITLES",
    "TOPICS",
    "VISITOR_TITLES",
    "Organization",
    "Post",
    "Topic",
]

MONTHS = (
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Post:
    """A US embassy as cables name it in each place they name it."""

    station: str  # as in reference ids: ABUDHABI
    name: str  # as in banners and REF lines: ABU DHABI
    route: str  # routing indicator of the DE line: RUEHAD
    country: str  # country name as prose uses it
    fips: str  # geographic TAG
    region: str  # State Department bureau: SCA, EUR, NEA, EAP, WHA, AF
    cities: tuple[str, ...]  # capital first
    names: str  # key of LOCAL_NAMES
    number: int = 0  # position in POSTS, from 1; 0 for posts outside it

    @property
    def sender(self) -> str:
        """The FM line's addressee, e.g. ``AMEMBASSY ABU DHABI``."""
        return f"AMEMBASSY {self.name}"

    @property
    def origin(self) -> str:
        """The WikiLeaks page's Origin column, e.g. ``Embassy Abu Dhabi``."""
        return "Embassy " + " ".join(w.capitalize() for w in self.name.split())


def _posts(table: str) -> tuple[Post, ...]:
    posts = []
    for number, row in enumerate(table.strip().splitlines(), start=1):
        name, route, fips, region, names, country, cities = row.split("|")
        station = name.replace(" ", "")
        city_names = tuple(cities.split(";"))
        posts.append(Post(station, name, route, country, fips, region, city_names, names, number))
    return tuple(posts)


# name | routing indicator | FIPS | bureau | name group | country | cities, capital first
POSTS: tuple[Post, ...] = _posts(
    """
ASTANA|RUEHTA|KZ|SCA|central_asian|Kazakhstan|Astana;Almaty;Karaganda;Aktobe;Shymkent
BISHKEK|RUEHEK|KG|SCA|central_asian|Kyrgyzstan|Bishkek;Osh;Karakol;Jalalabad
DUSHANBE|RUEHDBU|TI|SCA|central_asian|Tajikistan|Dushanbe;Khujand;Kulob
TASHKENT|RUEHNT|UZ|SCA|central_asian|Uzbekistan|Tashkent;Samarkand;Bukhara;Andijan
ASHGABAT|RUEHAH|TX|SCA|central_asian|Turkmenistan|Ashgabat;Turkmenbashi;Mary
KABUL|RUEHBUL|AF|SCA|south_asian|Afghanistan|Kabul;Kandahar;Herat;Mazar-e-Sharif
ISLAMABAD|RUEHIL|PK|SCA|south_asian|Pakistan|Islamabad;Karachi;Lahore;Peshawar
NEW DELHI|RUEHNE|IN|SCA|south_asian|India|New Delhi;Mumbai;Chennai;Kolkata
BAKU|RUEHKB|AJ|EUR|caucasian|Azerbaijan|Baku;Ganja;Sumgait
TBILISI|RUEHSI|GG|EUR|caucasian|Georgia|Tbilisi;Batumi;Kutaisi
YEREVAN|RUEHYE|AM|EUR|caucasian|Armenia|Yerevan;Gyumri;Vanadzor
MOSCOW|RUEHMO|RS|EUR|slavic|Russia|Moscow;St. Petersburg;Yekaterinburg;Vladivostok
KYIV|RUEHKV|UP|EUR|slavic|Ukraine|Kyiv;Kharkiv;Odesa;Lviv
WARSAW|RUEHWR|PL|EUR|slavic|Poland|Warsaw;Krakow;Gdansk
PRAGUE|RUEHPG|EZ|EUR|slavic|the Czech Republic|Prague;Brno;Ostrava
BERLIN|RUEHRL|GM|EUR|western|Germany|Berlin;Munich;Frankfurt;Hamburg
PARIS|RUEHFR|FR|EUR|western|France|Paris;Lyon;Marseille
LONDON|RUEHLO|UK|EUR|western|the United Kingdom|London;Edinburgh;Belfast
ROME|RUEHRO|IT|EUR|western|Italy|Rome;Milan;Naples
MADRID|RUEHMD|SP|EUR|latin|Spain|Madrid;Barcelona;Seville
THE HAGUE|RUEHTC|NL|EUR|western|the Netherlands|The Hague;Amsterdam;Rotterdam
ANKARA|RUEHAK|TU|EUR|turkish|Turkey|Ankara;Istanbul;Izmir;Adana
ABU DHABI|RUEHAD|AE|NEA|arabic|the United Arab Emirates|Abu Dhabi;Dubai;Sharjah
RIYADH|RUEHRH|SA|NEA|arabic|Saudi Arabia|Riyadh;Jeddah;Dhahran
AMMAN|RUEHAM|JO|NEA|arabic|Jordan|Amman;Aqaba;Irbid
CAIRO|RUEHEG|EG|NEA|arabic|Egypt|Cairo;Alexandria;Aswan
BAGHDAD|RUEHGB|IZ|NEA|arabic|Iraq|Baghdad;Basrah;Erbil;Mosul
TEL AVIV|RUEHTV|IS|NEA|western|Israel|Tel Aviv;Jerusalem;Haifa
BEIJING|RUEHBJ|CH|EAP|east_asian|China|Beijing;Shanghai;Guangzhou;Chengdu
TOKYO|RUEHKO|JA|EAP|east_asian|Japan|Tokyo;Osaka;Sapporo
SEOUL|RUEHUL|KS|EAP|east_asian|South Korea|Seoul;Busan;Incheon
JAKARTA|RUEHJA|ID|EAP|southeast_asian|Indonesia|Jakarta;Surabaya;Medan
MANILA|RUEHML|RP|EAP|southeast_asian|the Philippines|Manila;Cebu;Davao
HANOI|RUEHHI|VM|EAP|southeast_asian|Vietnam|Hanoi;Ho Chi Minh City;Da Nang
BANGKOK|RUEHBK|TH|EAP|southeast_asian|Thailand|Bangkok;Chiang Mai;Phuket
MEXICO|RUEHME|MX|WHA|latin|Mexico|Mexico City;Monterrey;Guadalajara;Tijuana
BOGOTA|RUEHBO|CO|WHA|latin|Colombia|Bogota;Medellin;Cali;Cartagena
CARACAS|RUEHCV|VE|WHA|latin|Venezuela|Caracas;Maracaibo;Valencia
LIMA|RUEHPE|PE|WHA|latin|Peru|Lima;Cusco;Arequipa
SANTIAGO|RUEHSG|CI|WHA|latin|Chile|Santiago;Valparaiso;Concepcion
BUENOS AIRES|RUEHBU|AR|WHA|latin|Argentina|Buenos Aires;Cordoba;Rosario
BRASILIA|RUEHBR|BR|WHA|latin|Brazil|Brasilia;Sao Paulo;Rio de Janeiro;Recife
OTTAWA|RUEHOT|CA|WHA|western|Canada|Ottawa;Toronto;Montreal
NAIROBI|RUEHNR|KE|AF|african|Kenya|Nairobi;Mombasa;Kisumu
PRETORIA|RUEHSA|SF|AF|african|South Africa|Pretoria;Johannesburg;Cape Town;Durban
ABUJA|RUEHUJA|NI|AF|african|Nigeria|Abuja;Lagos;Kano
"""
)

#: collective and agency addressees of INFO blocks, by the region they serve ("" = any)
COLLECTIVES: dict[str, tuple[str, ...]] = {
    "SCA": ("RUCNCIS/CIS COLLECTIVE",),
    "EUR": ("RUEHZL/EUROPEAN POLITICAL COLLECTIVE", "RUCNCIS/CIS COLLECTIVE"),
    "NEA": ("RUEHZM/GULF COOPERATION COUNCIL COLLECTIVE", "RUEHXK/ARAB ISRAELI COLLECTIVE"),
    "EAP": ("RUCNASE/ASEAN MEMBER COLLECTIVE",),
    "WHA": ("RUEHWH/WESTERN HEMISPHERIC AFFAIRS DIPL POSTS",),
    "AF": (
        "RUEHZO/AFRICAN UNION COLLECTIVE",
        "RUCNSAD/SOUTHERN AF DEVELOPMENT COMMUNITY COLLECTIVE",
    ),
    "": (
        "RUEAIIA/CIA WASHDC",
        "RHEHNSC/NSC WASHDC",
        "RUEKJCS/SECDEF WASHDC",
        "RUEAWJA/DEPT OF JUSTICE WASHDC",
        "RUCPDOC/DEPT OF COMMERCE WASHDC",
        "RUEATRS/DEPT OF TREASURY WASHDC",
        "RUCNDT/USMISSION USUN NEW YORK",
        "RUEHGV/USMISSION GENEVA",
        "RUEHNO/USMISSION USNATO",
        "RUEHVEN/USMISSION USOSCE",
    ),
}


@dataclass(frozen=True, slots=True)
class Organization:
    """An organization a cable names: full name first, the acronym after."""

    acronym: str
    name: str


def _orgs(*pairs: str) -> tuple[Organization, ...]:
    return tuple(Organization(*pair.split("=", 1)) for pair in pairs)


#: US agencies and international organizations, shared by several topics
AGENCIES: dict[str, Organization] = {
    org.acronym: org
    for org in _orgs(
        "INL=Bureau of International Narcotics and Law Enforcement Affairs",
        "IOM=International Organization for Migration",
        "UNODC=United Nations Office on Drugs and Crime",
        "OSCE=Organization for Security and Co-operation in Europe",
        "ODIHR=Office for Democratic Institutions and Human Rights",
        "ICITAP=International Criminal Investigative Training Assistance Program",
        "DEA=Drug Enforcement Administration",
        "FBI=Federal Bureau of Investigation",
        "USAID=U.S. Agency for International Development",
        "DOE=Department of Energy",
        "NNSA=National Nuclear Security Administration",
        "IAEA=International Atomic Energy Agency",
        "EBRD=European Bank for Reconstruction and Development",
        "IMF=International Monetary Fund",
        "WTO=World Trade Organization",
        "USTR=Office of the U.S. Trade Representative",
        "UNHCR=Office of the UN High Commissioner for Refugees",
        "UNICEF=United Nations Children's Fund",
        "WHO=World Health Organization",
        "CDC=Centers for Disease Control and Prevention",
        "PEPFAR=President's Emergency Plan for AIDS Relief",
        "NATO=North Atlantic Treaty Organization",
        "CENTCOM=U.S. Central Command",
        "ODC=Office of Defense Cooperation",
        "EXBS=Export Control and Related Border Security Program",
        "PAS=Public Affairs Section",
        "ECA=Bureau of Educational and Cultural Affairs",
        "MCC=Millennium Challenge Corporation",
        "OPIC=Overseas Private Investment Corporation",
        "NDI=National Democratic Institute",
        "IRI=International Republican Institute",
    )
}

#: host-government bodies; every country has each of them
MINISTRIES: tuple[Organization, ...] = _orgs(
    "MFA=Ministry of Foreign Affairs",
    "MVD=Ministry of Internal Affairs",
    "MOJ=Ministry of Justice",
    "MOD=Ministry of Defense",
    "MOE=Ministry of Education",
    "MOH=Ministry of Health",
    "MEMR=Ministry of Energy and Mineral Resources",
    "MINECON=Ministry of Economy",
    "PGO=Prosecutor General's Office",
    "BGS=Border Guard Service",
    "CEC=Central Election Commission",
    "NSC=National Security Committee",
)


@dataclass(frozen=True, slots=True)
class Topic:
    """What a cable is about: its TAGS, organizations, ministries, subjects and phrases."""

    key: str
    tags: tuple[str, ...]
    agencies: tuple[str, ...]
    ministries: tuple[str, ...]
    subjects: tuple[str, ...]  # {country} and {city} are filled in
    headings: tuple[str, ...]
    themes: tuple[str, ...]  # noun phrases: "combating trafficking in persons"
    audiences: tuple[str, ...]


def _topic(key: str, tags: str, agencies: str, ministries: str, **lists: str) -> Topic:
    def split(text: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in text.split(";") if part.strip())

    return Topic(
        key,
        tuple(tags.split()),
        tuple(agencies.split()),
        tuple(ministries.split()),
        split(lists["subjects"]),
        split(lists["headings"]),
        split(lists["themes"]),
        split(lists["audiences"]),
    )


TOPICS: tuple[Topic, ...] = (
    _topic(
        "trafficking", "KTIP KCRM PHUM SMIG KWMN", "INL IOM UNODC OSCE ICITAP", "MVD PGO MOJ BGS",
        subjects="{country}: INL CONDUCTS ANTI-TIP TRAINING COURSE FOR LAW ENFORCEMENT;"
        "{country}: TIP VICTIM ASSISTANCE IN {city} IMPROVES;"
        "{country}: GOVERNMENT DRAFTS NEW ANTI-TRAFFICKING LAW;"
        "{country}: IOM AND NGOS REVIEW SHELTER FUNDING",
        headings="LESSONS AND DISCUSSIONS;NEXT STEPS;VICTIM ASSISTANCE;PROSECUTIONS",
        themes="combating trafficking in persons;protection of victims' rights;"
        "prosecution of labor trafficking cases;identification of trafficking victims",
        audiences="police officers;border guards;procurators;judges;NGO representatives",
    ),
    _topic(
        "narcotics", "SNAR KCRM PINS", "INL DEA UNODC", "MVD BGS NSC PGO",
        subjects="{country}: RECORD HEROIN SEIZURE NEAR {city};"
        "{country}: DEA AND INL TRAIN COUNTERNARCOTICS UNITS;"
        "{country}: DRUG CONTROL AGENCY SEEKS MORE DONOR SUPPORT",
        headings="SEIZURES;TRAINING;DONOR COORDINATION;NEXT STEPS",
        themes="interdiction of Afghan opiates;controlled delivery operations;"
        "precursor chemical control;border drug enforcement",
        audiences="counternarcotics officers;customs officials;border guards;investigators",
    ),
    _topic(
        "energy", "ENRG EPET EINV ECON", "DOE EBRD OPIC USTR", "MEMR MINECON MFA",
        subjects="{country}: NEW PIPELINE ROUTE DEBATED IN {city};"
        "{country}: ENERGY MINISTER ON OIL FIELD INVESTMENT;"
        "{country}: GAS PRICING DISPUTE WITH NEIGHBORS CONTINUES",
        headings="PIPELINE POLITICS;INVESTMENT CLIMATE",
        themes="upstream oil investment;gas export routes;electricity sector reform;"
        "production sharing agreements",
        audiences="energy officials;company representatives;regulators",
    ),
    _topic(
        "politics", "PGOV PREL KDEM PINR", "OSCE ODIHR NDI IRI", "CEC MFA MOJ",
        subjects="{country}: PARLIAMENTARY ELECTIONS SET FOR AUTUMN;"
        "{country}: OPPOSITION RALLY IN {city} PASSES PEACEFULLY;"
        "{country}: CABINET RESHUFFLE SURPRISES OBSERVERS",
        headings="BACKGROUND;THE CAMPAIGN;OPPOSITION VIEWS",
        themes="electoral reform;the party registration law;media freedom during the campaign;"
        "the role of election observers",
        audiences="election officials;party representatives;journalists;civil society activists",
    ),
    _topic(
        "security", "MARR PREL MOPS PTER", "CENTCOM ODC NATO EXBS", "MOD NSC BGS",
        subjects="{country}: DEFENSE MINISTER ON MILITARY COOPERATION;"
        "{country}: EXBS DONATES BORDER EQUIPMENT IN {city};"
        "{country}: PEACEKEEPING BATTALION PREPARES FOR DEPLOYMENT",
        headings="MILITARY COOPERATION;BORDER SECURITY;COUNTERTERRORISM",
        themes="border security cooperation;the peacekeeping training program;"
        "counterterrorism information sharing;military education exchanges",
        audiences="officers;border guards;military cadets;security officials",
    ),
    _topic(
        "health", "TBIO KHIV SOCI KFLU", "USAID CDC WHO PEPFAR UNICEF", "MOH MOE",
        subjects="{country}: AVIAN INFLUENZA PREPAREDNESS EXERCISE IN {city};"
        "{country}: HIV PREVALENCE RISES AMONG YOUTH;"
        "{country}: HEALTH MINISTRY LAUNCHES TUBERCULOSIS STRATEGY",
        headings="PREPAREDNESS;DONOR ASSISTANCE;NEXT STEPS",
        themes="pandemic influenza preparedness;HIV prevention among youth;"
        "tuberculosis treatment;laboratory biosafety",
        audiences="doctors;epidemiologists;health officials;laboratory staff",
    ),
    _topic(
        "trade", "ETRD ECON EINV WTRO EFIN", "WTO USTR EBRD IMF MCC", "MINECON MFA",
        subjects="{country}: WTO ACCESSION TALKS RESUME;"
        "{country}: INVESTORS COMPLAIN ABOUT CUSTOMS DELAYS IN {city};"
        "{country}: CENTRAL BANK ON BANKING SECTOR STABILITY",
        headings="WTO ACCESSION;INVESTMENT CLIMATE;MACROECONOMIC OUTLOOK",
        themes="WTO accession;customs reform;banking supervision;protection of investors",
        audiences="trade officials;business leaders;bankers;customs officials",
    ),
    _topic(
        "rights", "PHUM KIRF KDEM PGOV", "OSCE ODIHR UNHCR", "MOJ PGO MFA",
        subjects="{country}: HUMAN RIGHTS OMBUDSMAN ISSUES ANNUAL REPORT;"
        "{country}: RELIGIOUS GROUPS FACE REGISTRATION HURDLES;"
        "{country}: JOURNALIST DETAINED IN {city}",
        headings="BACKGROUND;GOVERNMENT RESPONSE;CIVIL SOCIETY VIEWS",
        themes="registration of religious groups;conditions in pretrial detention;"
        "freedom of assembly;torture prevention",
        audiences="human rights defenders;lawyers;journalists;religious leaders",
    ),
    _topic(
        "nonproliferation", "KNNP PARM MNUC TRGY", "IAEA DOE NNSA EXBS", "MEMR MFA NSC",
        subjects="{country}: NNSA HELPS SECURE RADIOLOGICAL SOURCES;"
        "{country}: IAEA INSPECTORS VISIT RESEARCH REACTOR NEAR {city};"
        "{country}: EXPORT CONTROL LAW AMENDMENTS ADOPTED",
        headings="NUCLEAR SECURITY;EXPORT CONTROLS",
        themes="securing radiological sources;export control enforcement;"
        "conversion of the research reactor;nuclear material accounting",
        audiences="customs officers;nuclear regulators;export control officials",
    ),
    _topic(
        "migration", "PREF SMIG PHUM", "UNHCR IOM USAID", "MVD MFA BGS",
        subjects="{country}: REFUGEES FROM NEIGHBORING STATES ARRIVE IN {city};"
        "{country}: LABOR MIGRANTS RETURN AS ECONOMY SLOWS;"
        "{country}: UNHCR ON ASYLUM PROCEDURES",
        headings="BACKGROUND;ASSISTANCE;GOVERNMENT POLICY",
        themes="asylum procedures;labor migration;refugee registration;remittances",
        audiences="migration officials;NGO representatives;border guards",
    ),
    _topic(
        "exchanges", "KPAO SCUL OEXC KMDR", "PAS ECA USAID", "MOE MFA",
        subjects="{country}: FULBRIGHT ALUMNI MEET IN {city};"
        "{country}: ENGLISH TEACHING PROGRAM EXPANDS;"
        "{country}: MEDIA REACTION TO SECRETARY'S VISIT",
        headings="PROGRAM HIGHLIGHTS;MEDIA COVERAGE;NEXT STEPS",
        themes="English language teaching;exchange program alumni;university partnerships;"
        "media literacy",
        audiences="teachers;students;journalists;university rectors",
    ),
)  # fmt: skip

#: fictional given and family names by the country groups of POSTS
LOCAL_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "central_asian": (
        ("Yerlan", "Bolat", "Aigul", "Nurlan", "Dinara", "Rustam", "Gulnara", "Timur"),
        ("Abdikarimov", "Suleimenov", "Nurpeisova", "Tokayev", "Zhakupov", "Rakhimov", "Ismailova"),
    ),
    "south_asian": (
        ("Ahmad", "Farid", "Rahul", "Sanjay", "Ayesha", "Imran", "Priya", "Zalmai"),
        ("Khan", "Qureshi", "Sharma", "Malik", "Popal", "Chaudhry", "Iyer", "Rahimi"),
    ),
    "caucasian": (
        ("Giorgi", "Elnur", "Armen", "Nino", "Tigran", "Leyla", "Davit", "Rashad"),
        ("Beridze", "Aliyev", "Sargsyan", "Kapanadze", "Mammadov", "Hakobyan", "Lomidze"),
    ),
    "slavic": (
        ("Sergei", "Olga", "Andriy", "Tomasz", "Irina", "Pavel", "Katarzyna", "Dmitri"),
        ("Ivanov", "Kovalenko", "Nowak", "Petrov", "Dvorak", "Sokolova", "Shevchuk", "Wisniewski"),
    ),
    "western": (
        ("Klaus", "Marie", "Giulia", "Pierre", "Anna", "Thomas", "Yael", "Jan"),
        ("Schneider", "Dubois", "Rossi", "Janssens", "Levi", "Fischer", "Moreau", "Bianchi"),
    ),
    "latin": (
        ("Carlos", "Maria", "Jose", "Ana", "Luis", "Fernanda", "Javier", "Paula"),
        ("Gonzalez", "Silva", "Rodriguez", "Herrera", "Castillo", "Pereira", "Morales", "Vargas"),
    ),
    "turkish": (
        ("Mehmet", "Ayse", "Emre", "Zeynep", "Murat", "Elif", "Kemal", "Selin"),
        ("Yilmaz", "Demir", "Kaya", "Sahin", "Ozturk", "Aydin", "Celik", "Arslan"),
    ),
    "arabic": (
        ("Khalid", "Fatima", "Omar", "Layla", "Hassan", "Mariam", "Yusuf", "Nadia"),
        ("Al-Mansouri", "Haddad", "Al-Qahtani", "Nasser", "Al-Jaber", "Khoury", "Saleh"),
    ),
    "east_asian": (
        ("Wei", "Hiroshi", "Min-jun", "Li", "Yuki", "Ji-woo", "Chen", "Takeshi"),
        ("Zhang", "Tanaka", "Kim", "Wang", "Suzuki", "Park", "Liu", "Yamamoto"),
    ),
    "southeast_asian": (
        ("Budi", "Maria", "Nguyen", "Somchai", "Siti", "Ramon", "Thanh", "Arun"),
        ("Santoso", "Reyes", "Tran", "Srisuk", "Wijaya", "Bautista", "Pham", "Chaiyasit"),
    ),
    "african": (
        ("Wanjiru", "Thabo", "Chinedu", "Amina", "Kofi", "Naledi", "Emeka", "Otieno"),
        ("Mwangi", "Nkosi", "Okafor", "Bello", "Ndlovu", "Kamau", "Adeyemi", "Odhiambo"),
    ),
}

#: fictional American names for ambassadors, officers and visitors
AMERICAN_NAMES: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("John", "Mary", "Robert", "Susan", "James", "Karen", "Michael", "Linda", "David", "Ellen",
     "William", "Patricia", "Richard", "Nancy", "Thomas", "Deborah", "Steven", "Carol"),
    ("Hollister", "Marchand", "Whitcomb", "Garrison", "Pembrook", "Ashford", "Kellerman",
     "Lindqvist", "Thornbury", "Callahan", "Brightwell", "Osgood", "Fairbanks", "Redfield",
     "Stanhope", "Wexler", "Dunmore", "Ravenscroft", "Holloway", "Merriwether"),
)  # fmt: skip

#: how cables title the heads of each host-government body (MINISTRIES acronyms)
OFFICIAL_TITLES: dict[str, tuple[str, ...]] = {
    "MFA": ("Foreign Minister", "Deputy Foreign Minister"),
    "MVD": ("Minister of Internal Affairs", "Deputy Minister of Internal Affairs"),
    "MOJ": ("Minister of Justice", "Deputy Minister of Justice"),
    "MOD": ("Defense Minister", "Deputy Defense Minister"),
    "MOE": ("Minister of Education", "Vice Minister of Education"),
    "MOH": ("Minister of Health", "Chief Sanitary Doctor"),
    "MEMR": ("Minister of Energy", "Vice Minister of Energy"),
    "MINECON": ("Minister of Economy", "Deputy Minister of Economy"),
    "PGO": ("Prosecutor General", "Deputy Prosecutor General"),
    "BGS": ("Border Guard Service Director", "Border Guard Service Deputy Director"),
    "CEC": ("Central Election Commission Chairman", "Central Election Commission Secretary"),
    "NSC": ("National Security Committee Chairman", "National Security Committee Deputy Chairman"),
}

#: embassy officers as cables title them, with the office that "Classified By" lines name
OFFICER_TITLES: tuple[str, ...] = (
    "Ambassador",
    "Deputy Chief of Mission",
    "Political Officer",
    "Economic Officer",
    "INL Director",
    "Pol/Econ Chief",
    "Public Affairs Officer",
)

#: Washington visitors whose trips cables report
VISITOR_TITLES: tuple[str, ...] = (
    "Deputy Assistant Secretary",
    "Assistant Secretary",
    "Senator",
    "Congressional Delegation leader",
    "Special Envoy",
)

#: the Washington offices an "action" line addresses, by bureau
OFFICES: dict[str, tuple[str, ...]] = {
    "SCA": ("SCA/CEN", "SCA/A", "SCA/PPD", "SCA/INS"),
    "EUR": ("EUR/RUS", "EUR/CARC", "EUR/WE", "EUR/ACE", "EUR/CE"),
    "NEA": ("NEA/ARP", "NEA/I", "NEA/ELA", "NEA/IPA"),
    "EAP": ("EAP/CM", "EAP/J", "EAP/K", "EAP/MTS"),
    "WHA": ("WHA/AND", "WHA/BSC", "WHA/MEX", "WHA/CAN"),
    "AF": ("AF/E", "AF/S", "AF/W"),
    "": ("INL/AAE", "DRL", "G/TIP", "EEB", "PM", "ISN", "OES", "PRM", "R/PPR"),
}
