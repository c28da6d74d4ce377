"""What generated records are made of: the marks that set them apart, their dates, and the
words of their names and texts."""

from datetime import date

from entities.models import Organisation

MARK = "synthetic corpus"
FILE_PREFIX = "synthetic/"


def _words(text: str, separator: str = " ") -> list[str]:
    return text.split(separator)


FIRST_NAMES = _words(
    "Ana Andrés Carlos Carmen Diego Elena Fernando Gabriela Héctor Isabel Javier Julia Luis "
    "Lucía María Marco Nicolás Paula Pedro Rosa Santiago Sofía Tomás Valentina Víctor Ximena "
    "Ahmed Amira Fatima Hassan Karim Layla Omar Yasmin Youssef Zainab Anna Boris Dmitri Irina "
    "Natalia Oleg Pavel Svetlana Yuri Olga James Sarah Michael Emily David Laura Robert Helen "
    "Thomas Claire Daniel Rachel Peter Susan John Mary Mark Alice Paul Grace Li Wei Chen Mei "
    "Hiroshi Yuki Kenji Aiko Ravi Priya Arjun Anjali Kwame Amara Chinedu Ngozi Tunde Aisha "
    "Pierre Camille Jean Sophie Hans Greta Klaus Ingrid Lars Astrid Marta Piotr Katarzyna Jan"
)
LAST_NAMES = _words(
    "García Rodríguez Martínez López González Pérez Sánchez Ramírez Torres Flores Rivera Gómez "
    "Díaz Cruz Morales Reyes Ortiz Gutiérrez Chávez Ramos Vargas Castillo Jiménez Moreno Romero "
    "Herrera Medina Aguilar Castro Mendoza Ruiz Álvarez Vásquez Salazar Rojas Cabello Padrino "
    "Haddad Khalil Nasser Saleh Mansour Karimi Hosseini Rahman Aziz Farouk Ivanov Petrov Sokolov "
    "Smirnov Volkov Kuznetsov Popov Morozov Novak Kowalski Nowak Smith Johnson Williams Brown "
    "Jones Miller Davis Wilson Anderson Taylor Moore Jackson Martin Thompson White Harris Clark "
    "Lewis Walker Hall Young King Wright Scott Green Baker Adams Nelson Carter Mitchell Roberts "
    "Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers "
    "Wang Zhang Liu Yang Huang Zhao Wu Zhou Sato Suzuki Takahashi Tanaka Watanabe Sharma Patel "
    "Singh Gupta Kumar Okafor Mensah Adeyemi Diallo Traoré Kamara Dubois Laurent Moreau Lefèvre "
    "Müller Schmidt Schneider Fischer Weber Becker Hansen Johansen Larsen Nielsen Eriksson "
    "Lindqvist Rossi Russo Ferrari Esposito Bianchi Romano Costa Silva Santos Oliveira Pereira "
    "Almeida Ferreira Carvalho Ribeiro Barbosa Araújo Mendes Nunes Soares Vieira Monteiro Cardoso"
)
INITIALS = "ABCDEFGHJKLMNPRSTVW"
PLACES = _words(
    "Caracas|Maracaibo|Valencia|Bogotá|Medellín|Cali|Quito|Lima|Cusco|La Paz|Santiago|Buenos "
    "Aires|Montevideo|Asunción|Brasília|Manaus|Panama City|San José|Managua|Tegucigalpa|Guatemala "
    "City|San Salvador|Mexico City|Monterrey|Tijuana|Havana|Santo Domingo|Port-au-Prince|Kingston|"
    "Port of Spain|Georgetown|Paramaribo|Miami|Washington|Houston|Madrid|Lisbon|Paris|Brussels|The "
    "Hague|Geneva|Vienna|Berlin|Warsaw|Kyiv|Moscow|Ankara|Cairo|Tripoli|Tunis|Algiers|Rabat|Dakar|"
    "Lagos|Accra|Abuja|Nairobi|Addis Ababa|Khartoum|Beirut|Damascus|Baghdad|Amman|Riyadh|Doha|"
    "Tehran|Kabul|Islamabad|New Delhi|Dhaka|Yangon|Bangkok|Manila|Jakarta|Beijing|Tokyo|Seoul|"
    "Canberra",
    "|",
)
ORGANISATION_PATTERNS = {
    Organisation.Kind.GOVERNMENT: (
        "Ministry of Defence of {p}|Ministry of Foreign Affairs of {p}|Ministry of the Interior "
        "of {p}|Office of the President of {p}|National Assembly of {p}|Supreme Court of {p}|"
        "Attorney General's Office of {p}|Ministry of Energy of {p}|Ministry of Finance of {p}|"
        "Electoral Council of {p}|{p} City Council|Governor's Office of {p}"
    ),
    Organisation.Kind.MILITARY: (
        "Army of {p}|Navy of {p}|Air Force of {p}|{p} National Guard|Joint Command of {p}|"
        "{p} Special Forces Brigade|Coast Guard of {p}|{p} Marine Corps"
    ),
    Organisation.Kind.LAW_ENFORCEMENT: (
        "National Police of {p}|{p} Border Police|Anti-Narcotics Directorate of {p}|"
        "{p} Prosecutor's Office"
    ),
    Organisation.Kind.INTELLIGENCE: (
        "{p} Intelligence Service|Military Intelligence Directorate of {p}"
    ),
    Organisation.Kind.POLITICAL_PARTY: (
        "{p} Socialist Party|{p} Democratic Union|{p} Liberal Party|{p} Popular Front|"
        "{p} Workers' Party|{p} Conservative Party"
    ),
    Organisation.Kind.CRIMINAL_GROUP: "{p} Cartel|{p} Syndicate|{p} Clan",
    Organisation.Kind.NEWS_OUTLET: (
        "{p} Herald|{p} Tribune|{p} Daily News|{p} Observer|{p} Gazette|Radio {p}"
    ),
    Organisation.Kind.INTERNATIONAL: "UN Mission in {p}|{p} Human Rights Commission",
    Organisation.Kind.COMPANY: "{p} Petroleum|{p} Mining Corporation|{p} Shipping Lines",
}
SPEAKING_KINDS = {
    Organisation.Kind.GOVERNMENT,
    Organisation.Kind.MILITARY,
    Organisation.Kind.LAW_ENFORCEMENT,
    Organisation.Kind.POLITICAL_PARTY,
    Organisation.Kind.INTERNATIONAL,
    Organisation.Kind.COMPANY,
}
ACTING_KINDS = {
    Organisation.Kind.MILITARY,
    Organisation.Kind.LAW_ENFORCEMENT,
    Organisation.Kind.INTELLIGENCE,
    Organisation.Kind.GOVERNMENT,
}
OPERATION_WORDS = (
    "Silent Iron Southern Northern Eastern Western Golden Black Red Blue Swift Steel Firm "
    "Eternal Lightning Sovereign Patriot Free Shining Hidden Distant Bold Frozen Burning Sharp "
    "Noble Open Rising Falling Quiet Stormy Green White Long Deep High",
    "Shield Spear Storm Dawn Sword Eagle Falcon Trident Horizon Thunder Tide Arrow Anchor "
    "Hammer Lance Sentinel Harvest Fortress Bridge Compass Beacon Canyon Delta Frontier Guardian "
    "Harbour Island Jaguar Condor Mountain River Serpent Wolf Viper",
)
TITLES = _words(
    "Minister|Spokesperson|Director|Commander|General|Deputy|Senator|Chief of Staff|Adviser|"
    "Ambassador|Secretary|Prosecutor|Editor|Analyst|Leader|President|Vice President|Governor",
    "|",
)
# Topics are drawn Zipf-like in this order, so full-text searches range from very common words
# ("sanctions", "ceasefire") to rare ones ("census", "observer mission").
TOPICS = _words(
    "the sanctions|the ceasefire|the elections|oil exports|the border|drug trafficking|the "
    "negotiations|the economy|the opposition|human rights|the military operation|the refugees|"
    "the constitution|the blockade|the airstrikes|the investigation|the protests|the budget|"
    "the peace talks|humanitarian aid|the embassy|the prisoners|the mining concessions|the "
    "pipeline|the naval patrols|the drone programme|the arms deal|the hostages|inflation|"
    "the currency|the fishing boats|the smuggling routes|the curfew|the amnesty law|the "
    "referendum|the coast guard|the detainees|electricity shortages|the airport|the vaccine "
    "rollout|the debt talks|the sovereign bonds|the gold reserves|the extradition request|"
    "the militias|the tanker seizure|the cyberattack|the cocaine seizure|the port|the maritime "
    "strike|the recount|the indictment|the truce monitors|the landmines|the copper mine|the "
    "dam project|the wildfire response|the teachers' strike|the census|the observer mission",
    "|",
)
OPENERS = _words(
    "We will|The government will|Our forces will|Nobody will|We are ready to|They must|We "
    "cannot|It is time to|The people demand that we|We never agreed to|This country will|We "
    "have decided to|I will personally|Our allies will|No one can force us to|We intend to",
    "|",
)
VERBS = _words(
    "defend|investigate|reject|support|expand|suspend|review|condemn|negotiate|restore|end|"
    "protect|challenge|accept|delay|finance|monitor|dismantle|renew|question|respect|escalate",
    "|",
)
TAILS = _words(
    "|in {place}|before the end of the year|at any cost|without preconditions|this week|"
    "with our partners|as soon as possible|in full|under international law|for the sake of "
    "{place}|whatever the pressure|step by step|next month|in the coming days",
    "|",
)
SUBJECTS = _words(
    "the government|the ministry|its forces|the authorities|the coalition|they|the country|"
    "officials|the army|the administration",
    "|",
)
CUES = (("said", 6), ("told reporters", 2), ("added", 2), ("warned", 1), ("insisted", 1))
LEDES = (
    "{org} announced new measures in {place} on {weekday}",
    "{org} came under pressure in {place} this week",
    "{org} met its counterparts in {place} on {weekday}",
    "Officials from {org} arrived in {place}",
)
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
START, END = date(2014, 1, 1), date(2025, 12, 31)
