#!/usr/bin/env python3
"""mklex.py -- writes src/coref/lex_table.h, the word lexicon of the speaker
module, from the word lists below (the source of truth: edit them here and
run `python3 src/coref/mklex.py src/coref/lex_table.h`).

Each list is one word class (SO_LX_<NAME> in coref_int.h). A word may be in
several. Words are lower case; multi-word place names use "\ " in the
source text and go to a separate sorted list. The output holds the words
sorted bytewise with their classes, an open-addressing hash table over
them with at least three slots per word (FNV-1a 32-bit of the lower-case
word, linear probing) that lex.c probes, and the multi-word places. The
role nouns were written for sayso and checked against the nouns CoreNLP
finds before PERSON names and in their appositives in PolNeAR train (no
text of the corpus is copied).
"""
import sys

L = {}
L['honor_m'] = "mr mr. messrs messrs. sir lord alhaji".split()
L['honor_f'] = "mrs mrs. ms ms. miss dame lady madam mme mme. mmes mmes. alhaja hajiya".split()
L['honor_n'] = "dr dr. mx mx. prof prof. rev rev. engr engr. barr barr.".split()
L['title'] = """adm. admiral ambassador archbishop assemblyman assemblywoman atty. attorney brig. capt. captain cardinal
chairman chairwoman chair chancellor chief cmdr. col. colonel commander commissioner comptroller congressman
congresswoman councillor councilor councilman councilmember councilwoman del. delegate deputy det. detective director dr.
gen. general gov. governor inspector judge justice lady leader lt. lieutenant maj. mayor minister officer pastor
pope pres. president premier prince princess prof. professor queen rabbi rep. representative rev. secretary sec.
sen. senator sgt. sergeant sheriff speaker superintendent supt. treasurer whip spokesman spokeswoman spokesperson
nominee candidate ceo founder chancellor strategist adviser advisor manager host co-host cohost anchor
archdeacon imam sheikh ayatollah emir coach alderman alderwoman baroness trooper cllr cllr. mp mep msp constable
det insp insp. supt dci""".split()
L['org'] = """academy administration agency airlines airways alliance army assembly associates association authority
bank bancorp board broadcasting bureau cabinet campaign caucus center centre chamber channel chronicle church club co co. coalition corps
college commission committee communications company confederation conference congress consortium corp corp. corporation council court
courier daily department division examiner federation force forum foundation fund gazette government group guard guardian
herald holdings hospital house inc inc. industries initiative inquirer institute institution journal lab laboratories laboratory
league llc llp ltd ltd. magazine media ministry monitor motors movement navy network news observer office organisation
organization pac parliament partners partnership party plc police post press project radio register reserve review
school senate service services society studios systems team technologies telegraph television times tribune trust tv
union university watch wire rovers wanderers athletic fc afc albion agency foods brands pharmaceuticals capital insurance logistics ledger sentinel dispatch petroleum chemicals mining semiconductor software pharma aerospace shipping realty entertainment telecom ventures enterprises guild therapeutics biotech biosciences genomics robotics library museum gallery
hospice clinic infirmary cathedral mosque synagogue theatre theater orchestra choir labour festival
echo mercury argus clarion bugle mirror express globe bulletin beacon enquirer advertiser mail""".split()
L['news'] = """chronicle courier daily examiner gazette guardian herald inquirer journal magazine monitor news observer post press
register review telegraph times tribune wire ledger sentinel dispatch echo mercury argus clarion bugle
mirror express globe bulletin beacon enquirer advertiser mail""".split()
L['broadcast'] = "broadcasting channel network news radio television tv".split()
L['corp'] = "airlines bancorp co co. company corp corp. corporation group holdings inc inc. industries llc ltd ltd. motors partners plc systems technologies bank foods brands pharmaceuticals capital insurance logistics energy labs media petroleum chemicals mining semiconductor software pharma aerospace shipping realty entertainment telecom ventures enterprises hardware electronics construction builders furniture apparel restaurants supermarkets pharmacy bakery brewery brewing dairy dairies farms copper minerals metals resources oil gas outfitters supplies manufacturing textiles air ferries lines railways railroad trucking freight rail water power electric transport therapeutics biotech biosciences genomics robotics trains buses coaches railway homes properties solutions healthcare developments investments securities consulting networks".split()
L['known_org'] = """abc ap axios bbc bloomberg breitbart buzzfeed cbs cnbc cnn facebook fbi fox gallup google gop
hbo ipsos msnbc nasa nato nbc npr pbs politico quinnipiac reuters twitter usda youtube amazon apple microsoft
walmart nra aclu cia nsa irs epa fda cdc un eu imf opec naacp instagram snapchat tiktok reddit
linkedin netflix gawker getty univision telemundo showtime wikileaks""".split()
L['other'] = """act amendment avenue award awards bay beach bill boulevard bridge building canyon championship coast county cup day
district games hall heights highway hills island islands lake law mountain mountains ocean olympics park
plaza prize river road square station stadium street tower trail valley war week weekend bible quran
obamacare medicare medicaid constitution""".split()
L['place'] = """afghanistan africa alabama alaska america arizona arkansas asia atlanta australia austin baghdad baltimore beijing belgium berlin
boston brazil britain brussels california canada charlotte chicago china cleveland colorado connecticut cuba dallas delaware
denver detroit egypt england europe florida france georgia germany greece houston idaho illinois india indiana iowa iran iraq
ireland israel italy japan jerusalem kansas kentucky kiev london louisiana maine maryland massachusetts mexico miami
michigan minnesota mississippi missouri montana moscow nebraska nevada ohio oklahoma oregon pakistan paris pennsylvania
philadelphia phoenix pittsburgh russia scotland seattle spain syria tennessee texas tokyo turkey ukraine utah vermont
virginia wales washington wisconsin wyoming yemen venezuela sweden norway poland portugal switzerland austria
netherlands denmark finland hungary romania korea vietnam indonesia philippines nigeria kenya libya lebanon jordan saudi
qatar iowa manhattan brooklyn queens bronx harlem hollywood sacramento orlando tampa milwaukee cincinnati columbus
indianapolis nashville memphis louisville richmond raleigh charleston tucson albuquerque omaha anchorage honolulu
flint ferguson chattanooga des\ moines
new\ york new\ jersey new\ hampshire new\ mexico new\ orleans new\ delhi new\ zealand
north\ carolina south\ carolina north\ dakota south\ dakota west\ virginia north\ korea south\ korea south\ africa
united\ states united\ kingdom los\ angeles san\ francisco san\ diego san\ antonio san\ jose las\ vegas
salt\ lake\ city kansas\ city st.\ louis washington\ d.c. rhode\ island puerto\ rico hong\ kong el\ salvador
middle\ east latin\ america wall\ street capitol\ hill silicon\ valley u.s. u.s.a. us usa uk u.k. d.c. eu
""".replace('\\ ','_').split()
L['place'] = [w.replace('_', ' ') for w in L['place']]
L['adj'] = """african american americans arab asian black british canadian catholic chinese christian conservative democrat
democratic democrats european evangelical french german gop hispanic independent indian iranian iraqi irish islamic
israeli italian japanese jewish latino latinos liberal libertarian mexican muslim muslims palestinian republican republicans
russian saudi soviet spanish syrian turkish ukrainian western eastern northern southern english korean cuban labour tory
january february march april may june july august september october november december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.
monday tuesday wednesday thursday friday saturday sunday christmas easter thanksgiving internet web
""".split()
L['group'] = """americans republicans democrats conservatives liberals independents progressives libertarians christians muslims jews
catholics evangelicals latinos hispanics europeans russians mexicans britons germans chinese millennials blacks whites
dems gop tories mps meps msps""".split()
L['stopcap'] = """a about above according across after afterward again against ago ah all almost along already also although
always among amid an and another any anybody anyone anything anyway are around as asked at back based be because been
before behind being below beside besides between beyond both but by can could despite did do does doing done down
during each earlier either else elsewhere even eventually ever every everybody everyone everything except far few
finally first following for former from further furthermore given had has have having he hence her here hers herself
him himself his how however i if in including indeed inside instead into is it its itself just last later least less
let like likewise many may maybe meanwhile might more moreover most much must my myself near neither never
nevertheless next no nobody none nonetheless nor not nothing now of off oh ok okay on once one only onto or other
others otherwise our ours ourselves out outside over overall perhaps please plus rather regardless right second
several she should similarly since so some somebody someone something sometimes soon still such sure than thank thanks
that the their theirs them themselves then there therefore these they third this those though through throughout thus
to today together tomorrow tonight too toward towards two under unless unlike until up upon us very via was we well were what whatever when
whenever where whereas wherever whether which while who whoever whom whose why will with within without would yes
yesterday yet you your yours yourself ultimately additionally separately specifically currently recently previously
initially notably critics officials supporters analysts experts voters sources people
many most both three four five six seven eight nine ten hundreds thousands millions
hello hi hey goodbye bye welcome sorry wow alas bravo congratulations""".split()
L['role'] = """activist actor actress adviser advisor advocate agent aide ally ambassador analyst anchor architect assistant
attorney author backer banker billionaire blogger boss broker businessman businesswoman campaigner candidate ceo chair
chairman chairwoman challenger chancellor chef chief citizen cleric coach co-founder columnist comedian commander
co-host cohost commentator commissioner congressman congresswoman consultant contender contractor contributor coordinator correspondent
councilman councilwoman counsel counselor critic daughter dean delegate democrat deputy designer developer diplomat
director doctor donor economist editor educator employee engineer entrepreneur envoy executive expert father founder
friend front-runner frontrunner fundraiser general governor head historian host husband industrialist investor journalist
judge justice lawmaker lawyer leader legislator lobbyist magnate manager mayor member minister moderator mogul mother
negotiator neurosurgeon nominee novelist officer official operative organizer owner partner pastor physician pilot
pollster president presenter press-secretary priest producer professor prosecutor psychologist publisher rabbi
representative republican researcher resident retiree reporter rival scholar scientist secretary senator sheriff singer
sister son speaker speechwriter spokesman spokesperson spokeswoman sponsor staffer star strategist student superdelegate
supporter surrogate teacher treasurer trustee tycoon veteran vice-president volunteer whip wife widow worker writer
brother nephew niece uncle aunt grandmother grandfather granddaughter grandson mom dad cousin
economist investigator inspector analyst principal founder partner producer chief-of-staff
supervisor nurse farmer soldier firefighter neighbor neighbour parent trooper clerk auditor accountant builder driver
fellow lecturer graduate incumbent regulator councillor alderman ombudsman administrator protester demonstrator witness
victim survivor shopkeeper landlord tenant surgeon psychiatrist therapist pharmacist paramedic juror warden musician
artist poet cfo coo undersecretary bureaucrat player quarterback referee bishop imam monk nun dentist widower
girlfriend boyfriend stepmother stepfather co-chair vice-chair chief-executive mp mps mep msp
cardiologist epidemiologist virologist immunologist sociologist criminologist climatologist neurologist oncologist
pediatrician paediatrician statistician technician demographer biographer playwright geologist biologist chemist
physicist astronomer archaeologist anthropologist ecologist meteorologist forecaster veterinarian ethicist linguist
theologian mathematician colleague classmate teammate flatmate housemate roommate vicar deacon chaplain curate
headteacher headmaster headmistress midfielder striker goalkeeper winger skipper coxswain organiser curator
librarian caretaker receptionist barrister solicitor magistrate coroner detective carer midwife
patient passenger customer shopper commuter motorist pensioner homeowner pupil diner visitor
mourner bystander onlooker eyewitness spectator claimant defendant plaintiff inmate cyclist
pedestrian""".split()
L['role_f'] = "nun headmistress midwife girlfriend stepmother actress aunt businesswoman chairwoman congresswoman councilwoman daughter granddaughter grandmother mom mother niece sister spokeswoman widow wife assemblywoman queen princess lady madam dame".split()
L['role_m'] = "monk headmaster widower boyfriend stepfather actor brother businessman congressman councilman dad father grandfather grandson husband nephew son spokesman uncle assemblyman king prince".split()
# First names that are (almost) always one gender in English-language news,
# written for sayso; names often given to both (Jordan, Kelly, Dana, Terry,
# Jesse, Lindsey, Cameron, Jean, Andrea, Kim, ...) are left out on purpose.
L['name_m'] = """aaron abdul abe adam adrian ahmed aidan alan albert alberto alejandro alessandro alexander alexei alfonso
alfred ali allen alvin amit anders andre andrew andy angelo anil anthony antonio ari arjun arnold arthur
barack barron barry bashar beau ben benjamin benny bernard bernie bill billy bob bobby boris brad bradley
brandon brendan brent brett brian bruce bryan byron calvin carl carlos cedric chad charles charlie chester
chris chuck clarence claude cliff clifford clint clyde colin conrad corey cory craig curtis dan daniel darius
darrell darren dave david deepak dennis derek desmond deval dick diego dieter dirk dmitri dmitry dominic don
donald doug douglas drew duane dustin dwight earl eddie edgar eduardo edward edwin eli elijah elliott elmer
elton emeka emilio emmanuel enrique enzo eric ernest ernesto ethan eugene evan evo felix fernando fidel floyd
francisco francois frank franklin fred frederick fritz gabriel garrett gary gavin gene geoffrey george gerald
gideon gil gilbert giovanni giuseppe glenn gordon grady greg gregory gustavo hal hamid hank hans harold harvey
hassan heath hector henrik henry herbert herman hiroshi horace howard hugh hugo ian ibrahim igor irving isaac
isaiah ivan jack jacob jacques jair jake jamal james jared jason jasper javier jeb jeff jeffrey jerald jeremy
jerome jerry jim jimmy joao joaquin joe joel john johnny jon jonathan jorge jose joseph josh joshua juan jules
julian jurgen justin karim karl keith ken kenji kenneth kevin khalid kirk klaus kofi kurt kwame kyle lamar
lance larry lars lawrence lenny leo leon leonard lester lionel lloyd louis luca lucas luis luke lyle mahmoud
malcolm manuel marc marco marcus mario mark marlon martin marvin mateo matt matthew maurice mauricio mehmet
melvin michael mickey miguel mike mikhail milton mitch mitchell mitt mohammed monte morris muhammad murray
mustafa narendra nasser nathan nathaniel ned neil newt nicholas nick nigel nikolai noah noel norm norman
oliver ollie omar orrin oscar otis owen pablo patrick paul paulo pavel pedro percy perry pete peter phil
philip phillip pierre quentin rafael rahm rahul raj ralph ramon rand randall randy raul ravi raymond recep
reed reggie reince reuben rex rhys ricardo richard rick ricky robert roberto rodney rodrigo roger rolf ronald
rory ross roy rudolph rudy rufus rupert russ russell ryan salvatore samir sammy samuel sanjay saul scott sean
sebastian sergei sergey sergio seth seymour shawn sheldon sherman shinzo sid silvio simon sol stanley stefan
stephen steve steven stu stuart sunil sven sylvester takeshi tariq ted terrell thabo thad thaddeus theodore
thomas tim timothy toby todd tom tommy tony travis trent troy tyler vern victor vijay viktor vince vincent
vladimir wade walter warren wayne wendell wesley wilbur william willie winston wolfgang wyatt yuri yusuf
zachary zack""".split()
L['name_f'] = """abby abigail adriana aisha alice alicia alison allison alyssa amanda amber amina amy ana ananya anastasia
angela anita anjali ann anna anne annie astrid barbara betsy betty beverly brenda brittany brooke camila carla
carly carmen carol caroline carolyn catherine cathy chantal cheryl chiara chioma christina christine cindy
claire clara colleen condoleezza connie courtney cristina crystal cynthia daisy debbie deborah debra deepa
denise diana diane dianne dilma dolores donna doris dorothy edith eileen elaine eleanor elena elise elizabeth
ellen emily emma erica erin esther eva evelyn faith fatima francesca gabriela gail gina giulia gloria gretchen
gwen hannah harriet heather heidi helen helga hillary holly hope huma imogen ingrid irene irina iris isabel
isabella isabelle ivana ivanka jacqueline jane janet janice jeanne jenna jennifer jenny jessica jill joan
joanna joanne jolene josephine joy joyce judith judy julia julie juliet kamala karen kate katherine kathleen
kathryn kathy katie katrina kavita kayla kellyanne kelsey kimberly kirsten kristen kristin kristina lakshmi
lara laura lauren layla leah lillian linda lisa lois lorena loretta lori lorraine louise lucia lucille lucy
lydia mabel madeleine malia mandy marcia margaret maria marianne marie marilyn marissa marjorie marla marsha
martha martina mary maureen maxine megan meghan megyn melania melanie melinda melissa meredith mia michelle
mindy miriam molly monica nadia nancy naomi natalie natasha ngozi nicole nikki nina nora noreen norma olga
olivia ophelia paige pam pamela patricia patty paula peggy penelope petra phyllis pooja priscilla priya
rachael rachel rebecca renee rhonda rita roberta rosa rosalind rosemary roxanne ruby ruth sabrina sally
samantha sandra sara sarah selena serena sharon sheila sheryl shirley sienna sigrid sofia sonia sophia sophie
stacey stella stephanie sue sunita susan susie suzanne svetlana sylvia tamara tammy tania tanya tara tatiana
teresa theresa therese tiffany tina trisha tulsi ursula valentina valerie vanessa vera veronica vicky victoria
wanda wendy wilma yasmin yolanda yvette yvonne zainab zoe""".split()
_other = set(w for k in L for w in L[k] if not k.startswith('name_')) - {'bill'}  # Bill Clinton
# More first names (common in British, European, African and Asian news
# as well as American), so that a pronoun's gender is known for more people.
L['name_f'] += """agatha agnes alexandra alma amara amelia amira angelica anika anja annika antonia audrey aurora ava beatrice
bella bernadette beth bethany bianca bonnie bridget camille candace carmela carolina cassandra cecilia celia
chelsea claudia constance cora daniela danielle daphne darlene delia dora edna edwina elisa eliza ella ellie
elsa elsie emilia erika esme estelle eugenia eunice fatma fiona florence frances freya gemma geraldine gillian
giselle gladys greta harriett hattie hazel hedda helena henrietta hilary hilde ida ilse ines ingeborg irma
isla jade jana janina janine jasmine jeanette jemima jocelyn johanna jolanta josie justine karin kasia
katarina kateryna katy kerstin kirsty kristy lana leanne leila lena leona lesley lilian lily lina liz liza
lorna louisa lucinda ludmila luisa lynn lynne madison magda magdalena maggie malgorzata margarita margo
marguerite mariam mariana marina marion marta maryam mathilde matilda maya mei michaela mildred millie mira
miranda moira monique muriel myra nadezhda nadine natalia nell nellie nicola noor oksana orla pauline phoebe
polly priyanka renata rhiannon rosalie rosie sabine sadie samira sandrine selma shauna sheena signe silvia
simone siobhan solveig sonja sonya stacy stefanie susanna susanne sybil sylvie tamsin tessa thea tove tracey
tracy trudy ulrike una valeria viola vivian winifred yasmine yulia zara zelda zofia zoya""".split()
L['name_m'] += """abdullah alistair anatoly andrzej angus bilal callum chidi clive cormac declan dele dermot dev duncan eamon
euan fergus florian gareth godfrey graham gunther hamish helmut henning hussein imran jakub joachim jomo jonah
jonas krzysztof lachlan lukas lukasz magnus marek matthias mervyn miles nils nuno obinna oleg olu piotr rainer
rashid ray reginald rui salim sipho terence tobias tomas tomasz trevor tunde uhuru vernon walid wilfred
wojciech yasser""".split()
L['name_m'] += """aiden brayden caleb christopher connor damian dylan elias emmett ezekiel ezra jayden jeremiah
josiah leonardo levi liam lorenzo micah milo myles santiago silas theo thiago xavier""".split()
L['name_f'] += """aaliyah adeline annette ariana bernice bertha carrie chloe delilah eloise ethel gabriella
juanita madeline madelyn maeve mila scarlett thelma violet zoey""".split()
assert not (set(L['name_m']) & set(L['name_f'])), set(L['name_m']) & set(L['name_f'])
assert not ((set(L['name_m']) | set(L['name_f'])) & _other), (set(L['name_m']) | set(L['name_f'])) & _other
for k in L: L[k]=sorted(set(L[k]))
L2 = dict(L)
L2['pron_m'] = "he him his himself".split()
L2['pron_f'] = "she her hers herself".split()
L2['pron_n'] = "it its itself".split()
L2['pron_p'] = "they them their theirs themselves".split()
L2['pron_rel'] = "who whom whose".split()
L2['orgnoun'] = """newspaper paper daily tabloid outlet publication magazine website site network broadcaster channel station
company firm corporation business retailer bank insurer carrier airline manufacturer automaker giant conglomerate
carmaker startup lender maker chipmaker drugmaker chain supermarket supplier distributor wholesaler housebuilder utility
agency department ministry bureau office administration authority committee commission council court party campaign
university institute foundation center fund organization organisation association union board senate congress
police army government school church hospital coalition alliance league club team panel watchdog regulator group tank
embassy state city county firm poll survey study report museum library gallery
hospice clinic charity theatre theater orchestra choir body lobby festival""".split()
L2['conn'] = "of for the and & de van von da del la le bin al du der den di dos st. y".split()
L2['suffix'] = "jr jr. sr sr. ii iii iv".split()
L2['modnoun'] = """campaign campaigns aides aide supporters supporter administration voters allies ally team camp spokesman spokeswoman
spokesperson adviser advisers advisor advisors surrogate surrogates foundation family era presidency
rally rallies loyalists backers critics opponents staff staffers officials official associates organization
victory win loss speech voters policy policies plan plans proposal""".split()
L2['demonym'] = ("""american british canadian chinese french german indian iranian iraqi irish israeli italian japanese
mexican palestinian russian saudi spanish syrian turkish ukrainian korean cuban kenyan nigerian ethiopian
ghanaian ugandan tanzanian somali sudanese egyptian moroccan algerian tunisian libyan australian brazilian argentine
argentinian colombian chilean peruvian venezuelan dutch belgian swiss austrian swedish norwegian danish finnish polish
czech hungarian romanian greek portuguese scottish welsh afghan pakistani bangladeshi vietnamese thai filipino
indonesian malaysian lebanese jordanian qatari emirati yemeni kurdish jamaican haitian zimbabwean briton
spaniard swede turk brit serb croat slovak uzbek kazakh aussie kiwi dutchman frenchman englishman irishman
scotsman welshman dutchwoman frenchwoman englishwoman irishwoman scotswoman welshwoman
hispanic latino latina""").split()
# One-word places that are never a person's name or surname (not Georgia,
# Milan, Israel, Berlin, Lyon ...), so that a single such word the NER tagger
# took for a person is a place ("fly to Lisbon with her sons").
L2['city'] = """afghanistan africa alabama alaska arizona arkansas asia baghdad baltimore beijing belgium boston
brazil britain brussels california canada chicago china colorado connecticut delaware egypt europe
florida france germany greece idaho illinois iowa iran iraq italy japan jerusalem kansas kentucky
kiev louisiana maryland massachusetts mexico miami michigan minnesota mississippi missouri moscow nebraska
nevada ohio oklahoma oregon pakistan pennsylvania philadelphia pittsburgh russia scotland seattle spain syria
tennessee texas tokyo turkey ukraine utah wisconsin wyoming yemen venezuela sweden norway poland portugal switzerland
austria netherlands denmark finland hungary romania korea vietnam indonesia philippines nigeria libya lebanon
qatar manhattan brooklyn sacramento tampa cincinnati indianapolis albuquerque anchorage honolulu
lisbon madrid barcelona seville rome naples turin venice vienna salzburg dublin cork athens oslo
stockholm gothenburg copenhagen helsinki warsaw krakow prague budapest bucharest belgrade zagreb amsterdam
rotterdam antwerp geneva zurich munich frankfurt hamburg cologne stuttgart marseille toulouse bordeaux
istanbul ankara cairo tehran kabul islamabad karachi lahore delhi mumbai kolkata chennai bangalore dhaka bangkok
hanoi manila jakarta singapore seoul pyongyang shanghai taipei melbourne brisbane toronto montreal vancouver ottawa
havana bogota caracas nairobi lagos abuja johannesburg riyadh dubai doha beirut damascus kyiv kharkiv odesa minsk
edinburgh glasgow manchester liverpool birmingham belfast cardiff leeds newcastle nottingham southampton
portsmouth brighton oxford cambridge westminster luxembourg iceland estonia latvia lithuania slovakia slovenia
croatia serbia bosnia albania kosovo macedonia moldova belarus armenia azerbaijan kazakhstan uzbekistan
mongolia nepal bhutan myanmar cambodia laos malaysia taiwan ethiopia somalia sudan uganda tanzania rwanda ghana
senegal mali niger cameroon angola zambia zimbabwe mozambique namibia botswana morocco algeria tunisia
colombia ecuador peru bolivia chile argentina uruguay paraguay nicaragua honduras guatemala panama haiti jamaica
""".split()
L2['place'] = sorted(set(L2['place']) | set(L2['city']))
# Lower-case surname particles ("van der Berg", "de Blasio", "bin Salman").
L2['particle'] = "van von der den de del della di da du le la bin ibn al el dos das ter".split()
assert not (set(L2['city']) & (set(L['name_m']) | set(L['name_f'])))

names = list(L2.keys())
allw = {}
for i,k in enumerate(names):
    for w in L2[k]:
        if ' ' in w: continue
        allw.setdefault(w,set()).add(k)
with open(sys.argv[1],'w') as f:
    f.write('/*\n** lex_table.h -- the word lexicon of the speaker module: one sorted table\n')
    f.write('** (lower case, bytewise order; test_coref checks the order) mapping a word\n')
    f.write('** to the SO_LX_ classes (coref_int.h) it belongs to, a hash table over\n')
    f.write('** it (lex_hash), and the multi-word place names. Generated from word\n')
    f.write('** lists written for sayso (role nouns checked against PolNeAR train);\n')
    f.write('** edit the lists, keep the order. Included by lex.c only.\n*/\n')
    f.write('\nstatic const so_lex_ent lex_words[] = {\n')
    for w in sorted(allw):
        f.write('    {"%s", %s},\n' % (w, ' | '.join('SO_LX_'+k.upper() for k in names if k in allw[w])))
    f.write('};\n\nstatic const char *const lex_places[] = {\n')
    ph = sorted(w for w in L2['place'] if ' ' in w)
    line='   '
    for w in ph:
        s=' "%s",'%w
        if len(line)+len(s)>96: f.write(line+'\n'); line='   '
        line+=s
    f.write(line+'\n};\n')
sys.stderr.write('mklex: %d classes, %d words\n' % (len(names), len(allw)))

def fnv(w):
    h=0x811c9dc5
    for b in w.encode():
        h ^= b; h = (h*0x01000193) & 0xffffffff
    return h
words=sorted(allw)
N=4096
while N < 3*len(words): N*=2  # load at most 1/3: a miss probes ~1.5 slots
tab=[0xffff]*N
for i,w in enumerate(words):
    s=fnv(w)&(N-1)
    while tab[s]!=0xffff: s=(s+1)&(N-1)
    tab[s]=i
with open(sys.argv[1],'a') as f:
    f.write('\n/* Open addressing over lex_words: FNV-1a (32 bit) of the lower-case word,\n** linear probing; 0xffff marks an empty slot. */\n')
    f.write('#define LEX_HASH_SIZE %d\nstatic const uint16_t lex_hash[LEX_HASH_SIZE] = {\n' % N)
    for i in range(0,N,12):
        f.write('    ' + ', '.join('0x%04x'%x for x in tab[i:i+12]) + ',\n')
    f.write('};\n')
