package seed

// department describes one department of the synthetic company.
type department struct {
	name       string
	weight     int      // relative head count
	costCenter []string // cost centers its people are charged to
	head       string   // title of the department head
	manager    []string // titles of managers
	staff      []string // titles of individual contributors
}

// departments are the company's departments; Engineering is the biggest.
var departments = []department{
	{"Engineering", 24, []string{"CC-4100", "CC-4110", "CC-4120"}, "VP of Engineering",
		[]string{"Engineering Manager", "Director of Engineering"},
		[]string{"Software Engineer", "Senior Software Engineer", "Staff Software Engineer", "Principal Engineer", "Site Reliability Engineer", "QA Engineer", "Software Engineer II"}},
	{"Sales", 16, []string{"CC-2100", "CC-2110"}, "Chief Revenue Officer",
		[]string{"Sales Manager", "Regional Sales Director"},
		[]string{"Account Executive", "Senior Account Executive", "Sales Development Representative", "Sales Engineer"}},
	{"Customer Support", 9, []string{"CC-3300"}, "VP of Customer Support",
		[]string{"Support Manager"},
		[]string{"Support Engineer", "Senior Support Engineer", "Technical Support Specialist"}},
	{"Customer Success", 7, []string{"CC-3200"}, "VP of Customer Success",
		[]string{"Customer Success Manager Lead"},
		[]string{"Customer Success Manager", "Onboarding Specialist", "Renewals Manager"}},
	{"Marketing", 7, []string{"CC-2200"}, "Chief Marketing Officer",
		[]string{"Marketing Manager", "Director of Demand Generation"},
		[]string{"Product Marketing Manager", "Content Strategist", "Marketing Operations Analyst", "Brand Designer"}},
	{"Product", 6, []string{"CC-4200"}, "Chief Product Officer",
		[]string{"Group Product Manager"},
		[]string{"Product Manager", "Senior Product Manager", "Technical Product Manager"}},
	{"Operations", 5, []string{"CC-5100"}, "Chief Operating Officer",
		[]string{"Operations Manager"},
		[]string{"Operations Analyst", "Business Operations Specialist", "Program Manager"}},
	{"Finance", 5, []string{"CC-6100", "CC-6110"}, "Chief Financial Officer",
		[]string{"Controller", "Finance Manager"},
		[]string{"Financial Analyst", "Accountant", "Senior Accountant", "Payroll Specialist"}},
	{"IT", 4, []string{"CC-5200"}, "Chief Information Officer",
		[]string{"IT Manager"},
		[]string{"IT Support Specialist", "Systems Administrator", "Identity Engineer", "Okta Administrator"}},
	{"Human Resources", 4, []string{"CC-6200"}, "Chief People Officer",
		[]string{"HR Manager"},
		[]string{"HR Business Partner", "Recruiter", "Senior Recruiter", "People Operations Specialist"}},
	{"Data Science", 3, []string{"CC-4300"}, "Head of Data",
		[]string{"Data Science Manager"},
		[]string{"Data Scientist", "Data Engineer", "Machine Learning Engineer", "Analytics Engineer"}},
	{"Security", 3, []string{"CC-5300"}, "Chief Information Security Officer",
		[]string{"Security Manager"},
		[]string{"Security Engineer", "Security Analyst", "GRC Analyst"}},
	{"Design", 3, []string{"CC-4400"}, "VP of Design",
		[]string{"Design Manager"},
		[]string{"Product Designer", "Senior Product Designer", "UX Researcher"}},
	{"Legal", 2, []string{"CC-6300"}, "General Counsel",
		[]string{"Associate General Counsel"},
		[]string{"Corporate Counsel", "Paralegal", "Contracts Manager"}},
	{"Facilities", 2, []string{"CC-5400"}, "Head of Workplace",
		[]string{"Facilities Manager"},
		[]string{"Workplace Coordinator", "Office Manager", "Facilities Technician"}},
}

// office is a location people work from.
type office struct {
	city, state, country string // country is ISO 3166-1 alpha-2
	countryName          string // as the System Log writes it
	phone                string // mobile number prefix
	ipPrefix             string // first octets of addresses there
	lat, lon             float64
	postal               string
	weight               int
}

// offices are the company's locations, weighted by head count.
var offices = []office{
	{"San Francisco", "CA", "US", "United States", "+1 415-555-", "104.28.", 37.7749, -122.4194, "94105", 22},
	{"New York", "NY", "US", "United States", "+1 212-555-", "72.229.", 40.7128, -74.006, "10013", 14},
	{"Austin", "TX", "US", "United States", "+1 512-555-", "70.112.", 30.2672, -97.7431, "78701", 8},
	{"Chicago", "IL", "US", "United States", "+1 312-555-", "98.213.", 41.8781, -87.6298, "60601", 6},
	{"Seattle", "WA", "US", "United States", "+1 206-555-", "73.140.", 47.6062, -122.3321, "98101", 7},
	{"Toronto", "ON", "CA", "Canada", "+1 416-555-", "99.230.", 43.6532, -79.3832, "M5H 2N2", 5},
	{"London", "England", "GB", "United Kingdom", "+44 7700 900", "81.2.", 51.5074, -0.1278, "EC1A 1BB", 9},
	{"Dublin", "Leinster", "IE", "Ireland", "+353 85 555 ", "86.40.", 53.3498, -6.2603, "D02", 4},
	{"Berlin", "Berlin", "DE", "Germany", "+49 151 5555", "91.64.", 52.52, 13.405, "10115", 4},
	{"Paris", "Île-de-France", "FR", "France", "+33 6 55 55 ", "90.84.", 48.8566, 2.3522, "75001", 3},
	{"São Paulo", "SP", "BR", "Brazil", "+55 11 95555-", "177.68.", -23.5505, -46.6333, "01000-000", 3},
	{"Bengaluru", "KA", "IN", "India", "+91 98555 ", "49.207.", 12.9716, 77.5946, "560001", 6},
	{"Singapore", "Singapore", "SG", "Singapore", "+65 8555 ", "116.86.", 1.3521, 103.8198, "018956", 3},
	{"Sydney", "NSW", "AU", "Australia", "+61 455 555 ", "101.160.", -33.8688, 151.2093, "2000", 3},
	{"Tokyo", "Tokyo", "JP", "Japan", "+81 90-5555-", "126.15.", 35.6762, 139.6503, "100-0001", 3},
}

// firstNames mixes cultures, casing and diacritics on purpose.
var firstNames = []string{
	"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
	"David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
	"Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra",
	"Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle",
	"Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah", "Timothy", "Stephanie",
	"Ronald", "Rebecca", "Jason", "Laura", "Edward", "Sharon", "Jeffrey", "Cynthia", "Ryan", "Kathleen",
	"Jacob", "Amy", "Gary", "Angela", "Nicholas", "Shirley", "Eric", "Anna", "Jonathan", "Brenda",
	"Stephen", "Pamela", "Larry", "Emma", "Justin", "Nicole", "Scott", "Helen", "Brandon", "Samantha",
	"Benjamin", "Katherine", "Samuel", "Christine", "Gregory", "Debra", "Alexander", "Rachel", "Frank", "Carolyn",
	"Raymond", "Janet", "Patrick", "Catherine", "Jack", "Maria", "Dennis", "Heather", "Jerry", "Diane",
	"Wei", "Mei", "Hiroshi", "Yuki", "Ji-ho", "Min-jun", "Arjun", "Priya", "Rahul", "Ananya",
	"Mohammed", "Fatima", "Omar", "Aisha", "Ahmed", "Layla", "José", "María", "Luis", "Sofía",
	"Carlos", "Lucía", "Javier", "Valentina", "Diego", "Camila", "João", "Ana", "Pedro", "Beatriz",
	"François", "Amélie", "Pierre", "Chloé", "Jérôme", "Renée", "Björn", "Åsa", "Søren", "Zoë",
	"Jürgen", "Jörg", "Łukasz", "Agnieszka", "Ngozi", "Chinedu", "Kwame", "Amara", "Olumide", "Zanele",
	"DeShawn", "LaToya", "DeAndre", "JoAnn", "MaryBeth", "Siobhan", "Niamh", "Seán", "Oisín", "Aoife",
	"Dmitri", "Olga", "Ivan", "Natalia", "Nguyen", "Linh", "Thanh", "Kai", "Noa", "Leilani",
}

// lastNames mixes cultures, casing, apostrophes, spaces and diacritics.
var lastNames = []string{
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
	"Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
	"Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
	"Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
	"Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
	"Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
	"Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
	"Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
	"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
	"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Park", "Choi", "Patel", "Sharma", "Singh",
	"Gupta", "Kumar", "Reddy", "Iyer", "Khan", "Ali", "Hassan", "Haddad", "Mansour", "Okafor",
	"Adeyemi", "Mensah", "Dlamini", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Größ", "Dubois",
	"Lefèvre", "Moreau", "Girard", "Rossi", "Russo", "Bianchi", "Esposito", "Silva", "Santos", "Oliveira",
	"Pereira", "Fernández", "González", "Muñoz", "Jiménez", "Álvarez", "Kowalski", "Nowak", "Wiśniewski", "Novák",
	"Andersson", "Johansson", "Nilsson", "Larsen", "Jørgensen", "Ivanov", "Petrov", "Papadopoulos", "Yılmaz", "Kaya",
	"O'Brien", "O'Connor", "O'Neill", "McDonald", "MacKenzie", "McCarthy", "DeLuca", "DiMaggio", "van der Berg", "de la Cruz",
	"St. John", "Smith-Jones", "Nakamura-Lee", "LeBlanc", "FitzGerald", "d'Arcy",
}

// recoveryQuestions are recovery questions users pick.
var recoveryQuestions = []string{
	"What is the food you least liked as a child?",
	"What is the name of your first stuffed animal?",
	"What did you earn your first medal or award for?",
	"What is your favorite security question?",
	"What is the toy/stuffed animal you liked the most as a kid?",
}
