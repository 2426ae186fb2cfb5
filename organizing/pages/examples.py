"""The article's examples, restated in our own words: the seed of the archive.

Source of every fact: International Viewpoint, IV587 (11 December 2023). Where the article gives no
exact date or place, the record says so (date_precision / place_precision / notes); nothing here
is invented. Coordinates and time zones of cities come from the gazetteer, not from this file.
"""

from datetime import date

SOURCE_TITLE = (
    "“Building international solidarity with the Palestinians”, "
    "International Viewpoint, IV587, 11 December 2023"
)
SOURCE_URL = "https://internationalviewpoint.org/spip.php?article8345"

Y = 2023

CAUSES = [
    ("ceasefire", "Immediate ceasefire"),
    ("release-hostages", "Release of the hostages"),
    ("stop-forced-transfer", "Stop the forced transfer (displacement) of Palestinians"),
    ("end-arms-sales", "End arms sales to Israel"),
    ("condemn-war-crimes", "Condemnation of all war crimes"),
    ("humanitarian-access", "Humanitarian access (electricity, aid)"),
    ("anti-racism-citizenship", "Anti-racism and full citizenship"),
    ("against-islamophobia", "Against Islamophobia"),
    ("against-antisemitism", "Against antisemitism"),
    ("right-to-protest", "Right to protest and freedom of association"),
    ("migrants-rights", "Asylum and migrants' rights"),
    ("workers-solidarity", "Workers' solidarity action"),
]

COLLECTIVES = [
    {
        "slug": "jewish-voice-for-peace",
        "name": "Jewish Voice for Peace",
        "kind": "jewish_organization",
        "country": "US",
        "causes": ["ceasefire"],
        "description": (
            "A Jewish organization in the United States. Its members occupied the US Congress "
            "and, several times, Grand Central station in New York in autumn 2023."
        ),
    },
    {
        "slug": "btselem",
        "name": "B'Tselem",
        "kind": "human_rights",
        "country": "IL",
        "causes": ["stop-forced-transfer"],
        "description": (
            "An Israeli human-rights organization. It published an urgent appeal to the "
            "international community to stop the forced transfer of Palestinians, signed by "
            "about thirty organizations."
        ),
    },
    {
        "slug": "ue",
        "name": "United Electrical, Radio and Machine Workers of America (UE)",
        "kind": "trade_union",
        "country": "US",
        "causes": ["ceasefire"],
        "description": "A US trade union that signed a call for a ceasefire in 2023.",
    },
    {
        "slug": "cluw",
        "name": "Coalition of Labor Union Women (CLUW)",
        "kind": "trade_union",
        "country": "US",
        "causes": ["ceasefire"],
        "description": "A US labor organization that signed a call for a ceasefire in 2023.",
    },
    {
        "slug": "apwu",
        "name": "American Postal Workers Union (APWU)",
        "kind": "trade_union",
        "country": "US",
        "causes": ["ceasefire"],
        "description": "A US trade union that signed a call for a ceasefire in 2023.",
    },
    {
        "slug": "uaw",
        "name": "United Auto Workers (UAW)",
        "kind": "trade_union",
        "country": "US",
        "causes": ["ceasefire"],
        "description": (
            "A US trade union whose call for a ceasefire the article counts as the most "
            "significant of the union calls in 2023."
        ),
    },
    {
        "slug": "workers-for-a-free-palestine",
        "name": "Workers for a Free Palestine",
        "kind": "workers_direct_action",
        "country": "GB",
        "causes": ["end-arms-sales", "workers-solidarity"],
        "description": (
            "A network of workers in Britain taking direct action against arms firms that "
            "export to Israel, and appealing to the workers of those firms."
        ),
    },
    {
        "slug": "iso-germany",
        "name": "Internationale Sozialistische Organisation (ISO)",
        "kind": "political",
        "country": "DE",
        "causes": ["right-to-protest"],
        "description": (
            "A political organization in Germany that denounced the repression of the "
            "Palestine solidarity movement there."
        ),
    },
]

COALITIONS = [
    {
        "slug": "coordinadora-por-palestina",
        "name": "Coordinadora por Palestina",
        "status": "active",
        "country": "CL",
        "description": (
            "A coalition of social movements and political organizations in Chile that keeps "
            "organizing the solidarity movement."
        ),
        "unnamed_members_note": (
            "Social movements and political organizations; the source does not name them."
        ),
    },
    {
        "slug": "puerto-rico-palestine-solidarity-network",
        "name": "Puerto Rico network of solidarity with Palestine",
        "status": "active",
        "country": "PR",
        "city": "San Juan",
        "description": (
            "A solidarity network set up around the demonstration of 19 November 2023 in San Juan."
        ),
        "unnamed_members_note": "Its member organizations are not named in the source.",
    },
    {
        "slug": "cyprus-palestine-solidarity-coalition",
        "name": "Cyprus coalition for Palestine (in the making)",
        "status": "forming",
        "country": "CY",
        "description": (
            "Organizations in Cyprus jointly calling the next, wider demonstration, and "
            "meeting with Palestinian women. The coalition had no name of its own in the "
            "source."
        ),
        "unnamed_members_note": (
            "Left-wing organizations, trade unions, anti-racist and feminist associations and "
            "peace organizations; the source does not name them."
        ),
    },
]

# Every row of the article's table of actions, in its order. Keys:
# city (looked up in the gazetteer, with country) or country + tz for several places;
# when: a date, ("around", date), ("period", start, end) or None; notes in words.
ACTIONS = [
    {
        "title": "Solidarity vigil for Gaza in Haifa",
        "kind": "vigil",
        "city": "Haifa",
        "country": "IL",
        "when": date(Y, 10, 18),
        "arrests": 5,
        "outcome_notes": "Five demonstrators were arrested before the vigil began.",
    },
    {
        "title": "Demonstration in Umm al-Fahm",
        "kind": "march",
        "city": "Umm al-Fahm",
        "country": "IL",
        "when": ("around", date(Y, 10, 18)),
        "arrests": 12,
        "date_note": "around 18 October 2023 (same period as the Haifa vigil)",
        "description": "A similar demonstration in the northern Arab town.",
        "outcome_notes": "Twelve people were arrested.",
    },
    {
        "title": "Demonstrations for the release of the hostages",
        "kind": "march",
        "country": "IL",
        "tz": "Asia/Jerusalem",
        "area_label": "Several cities in Israel",
        "when": ("period", date(Y, 10, 1), date(Y, 11, 30)),
        "date_note": "October–November 2023",
        "turnout_note": "several hundred at most",
        "causes": ["release-hostages"],
    },
    {
        "title": "Occupation of the US Congress",
        "kind": "occupation",
        "city": "Washington",
        "country": "US",
        "venue": "United States Congress",
        "when": None,
        "date_note": "Date not reported",
        "hosts": ["jewish-voice-for-peace"],
        "causes": ["ceasefire"],
    },
    {
        "title": "Occupations of Grand Central station",
        "kind": "occupation",
        "city": "New York",
        "country": "US",
        "venue": "Grand Central station",
        "when": None,
        "date_note": "Several dates, not reported",
        "hosts": ["jewish-voice-for-peace"],
        "causes": ["ceasefire"],
    },
    {
        "title": "National demonstration in Washington",
        "kind": "march",
        "city": "Washington",
        "country": "US",
        "when": date(Y, 11, 4),
        "turnout_note": "tens of thousands",
    },
    {
        "title": "March on Ottawa",
        "kind": "march",
        "city": "Ottawa",
        "country": "CA",
        "when": date(Y, 11, 26),
        "reported_turnout": 25000,
        "turnout_note": "about 25,000",
    },
    {
        "title": "Blockade of the Jacques Cartier bridge",
        "kind": "blockade",
        "city": "Montréal",
        "country": "CA",
        "venue": "Jacques Cartier bridge",
        "when": date(Y, 11, 16),
        "turnout_note": "hundreds",
    },
    {
        "title": "National demonstrations and student walkouts in Britain",
        "kind": "march",
        "country": "GB",
        "tz": "Europe/London",
        "area_label": "London and many towns across Britain",
        "when": ("period", date(Y, 10, 1), date(Y, 12, 8)),
        "date_note": "October–December 2023",
        "turnout_note": "hundreds of thousands",
        "description": (
            "National demonstrations in London and many towns, with walkouts by students "
            "and school students."
        ),
    },
    {
        "title": "Direct action against arms sales to Israel",
        "kind": "direct_action",
        "country": "GB",
        "tz": "Europe/London",
        "area_label": "Britain",
        "when": None,
        "date_note": "Ongoing campaign over three years; dates not reported",
        "recurrence_note": "an ongoing campaign",
        "hosts": ["workers-for-a-free-palestine"],
        "causes": ["end-arms-sales", "workers-solidarity"],
        "description": (
            "Actions targeting Elbit Systems and its subsidiary Instro Precision Ltd, including "
            "actions under the banner Workers for a Free Palestine, and appeals to the workers "
            "of arms firms."
        ),
        "outcome_notes": "Elbit supplies at least 85% of the Israeli military's drones.",
    },
    {
        "title": "Mobilizations for Palestine and full citizenship in Italy",
        "kind": "march",
        "country": "IT",
        "tz": "Europe/Rome",
        "area_label": "Italy",
        "when": ("period", date(Y, 10, 1), date(Y, 11, 30)),
        "date_note": "October–November 2023",
        "turnout_note": "several thousand",
        "causes": ["anti-racism-citizenship"],
        "description": "Mobilizations linking solidarity with demands for full citizenship.",
    },
    {
        "title": "March in Santiago",
        "kind": "march",
        "city": "Santiago",
        "country": "CL",
        "when": date(Y, 11, 4),
        "reported_turnout": 20000,
        "turnout_note": "20,000",
    },
    {
        "title": "Cultural events and rallies in Chilean towns",
        "kind": "cultural_event",
        "country": "CL",
        "tz": "America/Santiago",
        "area_label": "Several towns in Chile",
        "when": ("period", date(Y, 11, 1), date(Y, 11, 30)),
        "date_note": "November 2023",
    },
    {
        "title": "Mobilizations in France",
        "kind": "march",
        "country": "FR",
        "tz": "Europe/Paris",
        "area_label": "France",
        "when": ("period", date(Y, 10, 1), date(Y, 11, 30)),
        "date_note": "October–November 2023",
        "turnout_note": "fairly low overall",
        "causes": ["anti-racism-citizenship"],
        "description": (
            "Mobilizations with a strong participation of racialized people, linked to "
            "anti-racist struggles."
        ),
    },
    {
        "title": "Demonstration in Berlin",
        "kind": "march",
        "city": "Berlin",
        "country": "DE",
        "when": None,
        "date_note": "Date not reported",
        "reported_turnout": 1500,
        "turnout_note": "1,500",
    },
    {
        "title": "Demonstration in Düsseldorf",
        "kind": "march",
        "city": "Düsseldorf",
        "country": "DE",
        "when": None,
        "date_note": "Date not reported",
        "reported_turnout": 7500,
        "turnout_note": "7,500",
    },
    {
        "title": "March in Shibuya",
        "kind": "march",
        "city": "Shibuya",
        "country": "JP",
        "area_label": "Shibuya, Tokyo",
        "when": date(Y, 10, 11),
        "reported_turnout": 4000,
        "turnout_note": "4,000",
    },
    {
        "title": "Action in front of the US embassy in Tokyo",
        "kind": "rally",
        "city": "Tokyo",
        "country": "JP",
        "venue": "In front of the US embassy",
        "when": date(Y, 10, 18),
        "reported_turnout": 350,
        "turnout_note": "350",
    },
    {
        "title": "Demonstration in front of the Israeli embassy in Tokyo",
        "kind": "rally",
        "city": "Tokyo",
        "country": "JP",
        "venue": "In front of the Israeli embassy",
        "when": date(Y, 10, 20),
        "reported_turnout": 2000,
        "turnout_note": "2,000",
    },
    {
        "title": "Demonstration in San Juan",
        "kind": "march",
        "city": "San Juan",
        "country": "PR",
        "when": date(Y, 11, 19),
        "turnout_note": "several thousand",
        "outcome_notes": "A network of solidarity with Palestine was set up around it.",
    },
    {
        "title": "Weekly demonstration in Nicosia",
        "kind": "march",
        "city": "Nicosia",
        "country": "CY",
        "when": None,
        "date_note": "Every week; the weekday is not reported",
        "recurrence_note": "every week",
    },
    {
        "title": "Weekly demonstration in Limassol",
        "kind": "march",
        "city": "Limassol",
        "country": "CY",
        "when": None,
        "date_note": "Every week; the weekday is not reported",
        "recurrence_note": "every week",
    },
    {
        "title": "Mass mobilizations in Pakistan's major cities",
        "kind": "march",
        "country": "PK",
        "tz": "Asia/Karachi",
        "area_label": "Islamabad, Lahore, Karachi and other major cities",
        # Cities the record names: a search near each of them finds it.
        "named_cities": ["Islamabad", "Lahore", "Karachi"],
        "when": ("period", date(Y, 10, 1), date(Y, 11, 30)),
        "date_note": "October–November 2023",
        "turnout_note": "huge: very large mobilizations in all major cities",
    },
    {
        "title": "Protest outside the French embassy in Tunis",
        "kind": "rally",
        "city": "Tunis",
        "country": "TN",
        "venue": "Outside the French embassy",
        "when": date(Y, 10, 18),
        "turnout_note": "thousands",
    },
    {
        "title": "Protests in Jordan, Egypt, Algeria and Morocco",
        "kind": "march",
        "country": "",
        "tz": "UTC",
        "area_label": "Jordan, Egypt, Algeria, Morocco",
        "when": ("period", date(Y, 10, 1), date(Y, 11, 30)),
        "date_note": "October–November 2023",
        "turnout_note": "limited",
        "description": ("Protests mostly called by opposition parties, limited by repression."),
    },
]

APPEALS = [
    {
        "slug": "btselem-appeal-stop-forced-transfer",
        "title": "Urgent appeal to the international community: stop the forced transfer",
        "initiator": "btselem",
        "text": (
            "An urgent call on the international community to act to stop the forced transfer "
            "of Palestinians. Published by B'Tselem and signed by about thirty organizations."
        ),
        "demands": ["stop-forced-transfer"],
        "signatories": ["btselem"],
        "unnamed_signatory_count": 30,
        "unnamed_signatory_note": (
            "about thirty organizations signed; the source names only B'Tselem"
        ),
        "date_note": "2023; exact date not reported",
    },
    {
        "slug": "us-unions-ceasefire-call",
        "title": "US trade unions' call for a ceasefire",
        "initiator": None,
        "text": (
            "Calls by trade unions in the United States for a ceasefire, signed among others by "
            "UE, CLUW, APWU and UAW (the most significant, according to the article)."
        ),
        "demands": ["ceasefire"],
        "signatories": ["ue", "cluw", "apwu", "uaw"],
        "unnamed_signatory_count": 0,
        "date_note": "Autumn 2023; exact date not reported",
    },
]
