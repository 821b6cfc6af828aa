/**
 * Health conditions, treatments, procedures and billing words, in English
 * and Spanish: what makes a caption, a quote or a review reply disclose
 * health information. Each concept groups its synonyms in both languages,
 * so a consent whose scope names "knee replacement" also covers "reemplazo
 * de rodilla" and "TKR", and nothing else.
 *
 * `specific` concepts name a condition or procedure: when an authorization
 * lists the conditions it covers, a specific one outside the list is outside
 * the consent. General words (therapy, surgery, pain, recovery) disclose that
 * there was care, and need the health-condition content kind, but do not name
 * another condition.
 *
 * Terms are matched whole-word, without case or accents, with an optional
 * plural; keep them lower case. Add to it freely: a missing word is a leak
 * the check cannot see.
 */
export type HealthField =
  | 'general'
  | 'dental'
  | 'physical_therapy'
  | 'orthopedics'
  | 'dermatology_aesthetics'
  | 'behavioral_health'
  | 'imaging'
  | 'billing'
  | 'chronic'
  | 'womens_health'
  | 'eyes_ears';

export interface HealthConcept {
  concept: string;
  field: HealthField;
  specific: boolean;
  en: string[];
  es: string[];
}

type Row = [concept: string, field: HealthField, specific: 0 | 1, en: string, es: string];

const rows: Row[] = [
  // General words: care happened.
  ['surgery', 'general', 0, 'surgery|surgical|operation|post-op|post-surgery|post-operative', 'cirugia|operacion|postoperatorio|intervencion quirurgica'],
  ['procedure', 'general', 0, 'procedure', 'procedimiento'],
  ['treatment', 'general', 0, 'treatment|treated|treatment plan', 'tratamiento|tratada|tratado'],
  ['therapy', 'general', 0, 'therapy|therapies', 'terapia|terapias'],
  ['rehab', 'general', 0, 'rehab|rehabilitation|full recovery|complete recovery|recovery|recovering|recovered|healing|healed', 'rehabilitacion|recuperacion completa|recuperacion total|recuperacion|recuperarse|se recupero|me recupere|recuperada|recuperado'],
  ['pain', 'general', 0, 'pain|painful|pain-free|ache|aches|aching|sore|soreness|hurt|hurting|chronic pain', 'dolor|dolores|adolorida|adolorido|sin dolor|dolor cronico'],
  ['injury', 'general', 0, 'injury|injured|injuries', 'lesion|lesiones|lesionada|lesionado|herida'],
  ['diagnosis', 'general', 0, 'diagnosis|diagnosed|diagnoses|prognosis', 'diagnostico|diagnosticada|diagnosticado|pronostico'],
  ['condition', 'general', 0, 'medical condition|health condition|illness|disease|disorder|syndrome', 'enfermedad|padecimiento|trastorno|sindrome|condicion medica'],
  ['medication', 'general', 0, 'medication|medications|prescription|prescribed|meds|painkillers|antibiotics|opioids', 'medicamento|medicamentos|medicina|receta medica|recetado|antibioticos|analgesicos'],
  ['injection', 'general', 0, 'injection|injections|shot|shots|infusion|iv drip', 'inyeccion|inyecciones|infusion|suero'],
  ['hospital_stay', 'general', 0, 'hospital stay|hospitalized|admitted to the hospital|discharged|icu|emergency room|er visit|urgent care', 'hospitalizada|hospitalizado|internada|internado|dada de alta|dado de alta|sala de emergencias|urgencias|terapia intensiva'],
  ['exam', 'general', 0, 'checkup|check-up|physical exam|exam|examination|follow-up visit|screening', 'chequeo|revision medica|examen medico|consulta de seguimiento'],
  ['test_results', 'general', 0, 'test results|lab results|bloodwork|blood work|blood test|biopsy|lab work', 'resultados de laboratorio|analisis de sangre|biopsia|examenes de sangre'],
  ['physical_therapy', 'physical_therapy', 0, 'physical therapy|physiotherapy|pt sessions|pt session|home exercise program|therapeutic exercise|manual therapy|dry needling', 'fisioterapia|terapia fisica|sesiones de terapia|ejercicios terapeuticos|puncion seca'],
  ['occupational_therapy', 'physical_therapy', 0, 'occupational therapy', 'terapia ocupacional'],
  ['speech_therapy', 'physical_therapy', 1, 'speech therapy|speech therapist', 'terapia del habla|terapia de lenguaje|logopedia'],
  ['chiropractic', 'physical_therapy', 0, 'chiropractic|adjustment|spinal adjustment', 'quiropractica|ajuste quiropractico'],
  ['massage_therapy', 'physical_therapy', 0, 'massage therapy|therapeutic massage', 'masaje terapeutico'],
  ['mobility_aids', 'physical_therapy', 1, 'walker|wheelchair|crutches|cane|knee brace|back brace|brace', 'andadera|andador|silla de ruedas|muletas|baston|rodillera|faja'],

  // Orthopedics and injuries.
  ['knee_replacement', 'orthopedics', 1, 'knee replacement|total knee replacement|knee arthroplasty|total knee arthroplasty|tka|tkr|new knee', 'reemplazo de rodilla|protesis de rodilla|artroplastia de rodilla|rodilla nueva'],
  ['hip_replacement', 'orthopedics', 1, 'hip replacement|total hip replacement|hip arthroplasty|tha|thr|new hip', 'reemplazo de cadera|protesis de cadera|artroplastia de cadera|cadera nueva'],
  ['shoulder_replacement', 'orthopedics', 1, 'shoulder replacement|shoulder arthroplasty', 'reemplazo de hombro|protesis de hombro'],
  ['knee_surgery', 'orthopedics', 1, 'knee surgery|knee scope|knee arthroscopy|meniscus surgery', 'cirugia de rodilla|artroscopia de rodilla'],
  ['hip_surgery', 'orthopedics', 1, 'hip surgery', 'cirugia de cadera'],
  ['shoulder_surgery', 'orthopedics', 1, 'shoulder surgery|rotator cuff surgery|rotator cuff repair', 'cirugia de hombro|reparacion del manguito rotador'],
  ['back_surgery', 'orthopedics', 1, 'back surgery|spine surgery|spinal fusion|laminectomy|discectomy|microdiscectomy', 'cirugia de espalda|cirugia de columna|fusion espinal|laminectomia|discectomia'],
  ['acl', 'orthopedics', 1, 'acl|acl tear|torn acl|acl reconstruction|acl surgery|anterior cruciate ligament', 'ligamento cruzado|rotura de ligamento cruzado|lca'],
  ['meniscus', 'orthopedics', 1, 'meniscus|meniscus tear|torn meniscus', 'menisco|rotura de menisco'],
  ['rotator_cuff', 'orthopedics', 1, 'rotator cuff|rotator cuff tear|frozen shoulder|adhesive capsulitis', 'manguito rotador|hombro congelado'],
  ['fracture', 'orthopedics', 1, 'fracture|fractured|broken bone|broken leg|broken arm|broken wrist|broken ankle|broken hip|broke her hip|broke his hip|broke my hip|broke her leg|broke his leg|broke my leg|broke her wrist|broke my wrist', 'fractura|fracturada|fracturado|hueso roto|pierna rota|brazo roto|muneca rota|tobillo roto|cadera rota|se fracturo|me fracture'],
  ['sprain', 'orthopedics', 1, 'sprain|sprained|sprained ankle|ankle sprain|strain|pulled muscle|pulled hamstring', 'esguince|torcedura|tobillo torcido|desgarre|distension muscular'],
  ['tendinitis', 'orthopedics', 1, 'tendinitis|tendonitis|tendinopathy|tennis elbow|golfer\'s elbow|achilles tendon|achilles tear|plantar fasciitis|bursitis', 'tendinitis|tendinopatia|codo de tenista|tendon de aquiles|fascitis plantar|bursitis'],
  ['arthritis', 'orthopedics', 1, 'arthritis|osteoarthritis|rheumatoid arthritis|joint disease|gout', 'artritis|osteoartritis|artrosis|artritis reumatoide|gota'],
  ['osteoporosis', 'orthopedics', 1, 'osteoporosis|osteopenia|bone density', 'osteoporosis|osteopenia|densidad osea'],
  ['back_pain', 'orthopedics', 1, 'back pain|lower back pain|low back pain|herniated disc|slipped disc|bulging disc|sciatica|degenerative disc|spinal stenosis|scoliosis', 'dolor de espalda|dolor lumbar|lumbalgia|hernia de disco|disco herniado|ciatica|estenosis espinal|escoliosis'],
  ['neck_pain', 'orthopedics', 1, 'neck pain|whiplash|pinched nerve', 'dolor de cuello|latigazo cervical|nervio pinchado|cervicalgia'],
  ['carpal_tunnel', 'orthopedics', 1, 'carpal tunnel|carpal tunnel syndrome', 'tunel carpiano|sindrome del tunel carpiano'],
  ['concussion', 'orthopedics', 1, 'concussion|traumatic brain injury|tbi|head injury', 'conmocion cerebral|contusion cerebral|traumatismo craneal|lesion cerebral'],
  ['stroke', 'chronic', 1, 'stroke|mini-stroke|tia', 'derrame cerebral|accidente cerebrovascular|embolia|infarto cerebral'],
  ['amputation', 'orthopedics', 1, 'amputation|amputee|prosthesis|prosthetic leg|prosthetic', 'amputacion|amputada|amputado|protesis|pierna protesica'],
  ['vertigo', 'physical_therapy', 1, 'vertigo|dizziness|balance disorder|vestibular', 'vertigo|mareos|trastorno del equilibrio|vestibular'],
  ['falls', 'physical_therapy', 1, 'fall risk|after her fall|after his fall|after my fall|bad fall', 'riesgo de caida|despues de su caida|despues de mi caida|una mala caida'],
  ['tmj', 'dental', 1, 'tmj|tmd|jaw pain|jaw disorder', 'atm|dolor de mandibula|trastorno temporomandibular'],

  // Dental.
  ['dental_cleaning', 'dental', 0, 'dental cleaning|teeth cleaning|deep cleaning|scaling and root planing|cleaning', 'limpieza dental|limpieza profunda|limpieza de dientes|limpieza|limpiezas'],
  ['cavity', 'dental', 1, 'cavity|cavities|tooth decay|filling|fillings|decay', 'caries|empaste|empastes|tapadura|obturacion'],
  ['root_canal', 'dental', 1, 'root canal|root canal therapy|endodontic', 'endodoncia|tratamiento de conducto|conducto radicular'],
  ['extraction', 'dental', 1, 'extraction|tooth extraction|pulled tooth|wisdom teeth|wisdom tooth', 'extraccion|extraccion dental|muelas del juicio|muela del juicio|sacar una muela'],
  ['crown', 'dental', 1, 'crown|crowns|dental crown|bridge|dental bridge|onlay|inlay', 'corona|coronas|corona dental|puente dental|incrustacion'],
  ['implant', 'dental', 1, 'dental implant|dental implants|implant|implants|all-on-4', 'implante dental|implantes dentales|implante|implantes'],
  ['dentures', 'dental', 1, 'dentures|denture|partials|partial denture', 'dentadura postiza|protesis dental|placa dental'],
  ['braces', 'dental', 1, 'braces|invisalign|clear aligners|aligners|orthodontics|orthodontic|retainer', 'brackets|frenillos|frenos|ortodoncia|alineadores|retenedor'],
  ['gum_disease', 'dental', 1, 'gum disease|gingivitis|periodontitis|periodontal disease|gum graft|receding gums', 'enfermedad de las encias|gingivitis|periodontitis|enfermedad periodontal|injerto de encia'],
  ['veneers', 'dental', 1, 'veneers|veneer|teeth whitening|whitening|bonding|smile makeover', 'carillas|carilla|blanqueamiento dental|blanqueamiento|diseno de sonrisa'],
  ['dental_anxiety', 'dental', 1, 'dental anxiety|sedation dentistry|nitrous|laughing gas', 'miedo al dentista|sedacion dental|oxido nitroso|gas de la risa'],
  ['night_guard', 'dental', 1, 'night guard|mouth guard|mouthguard|occlusal guard|bite guard', 'ferula|ferula de descarga|guarda oclusal|protector bucal'],
  ['stitches', 'general', 0, 'stitches|sutures|suture', 'puntos de sutura|suturas|sutura'],
  ['missing_teeth', 'dental', 1, 'missing teeth|missing tooth|chipped tooth|cracked tooth|broken tooth|toothache', 'dientes perdidos|diente roto|diente astillado|dolor de muelas|dolor de diente'],

  // Dermatology and aesthetics.
  ['botox', 'dermatology_aesthetics', 1, 'botox|dysport|xeomin|neurotoxin|neuromodulator', 'botox|toxina botulinica'],
  ['fillers', 'dermatology_aesthetics', 1, 'filler|fillers|dermal filler|lip filler|juvederm|restylane|sculptra', 'relleno|rellenos|relleno de labios|acido hialuronico'],
  ['acne', 'dermatology_aesthetics', 1, 'acne|breakouts|acne scars|accutane|isotretinoin|pimples|cystic acne', 'acne|granos|espinillas|cicatrices de acne|isotretinoina'],
  ['eczema', 'dermatology_aesthetics', 1, 'eczema|dermatitis|psoriasis|rosacea|hives|rash', 'eccema|dermatitis|psoriasis|rosacea|urticaria|sarpullido|erupcion'],
  ['skin_cancer', 'dermatology_aesthetics', 1, 'skin cancer|melanoma|basal cell|squamous cell|mohs|mohs surgery|mole removal|suspicious mole', 'cancer de piel|melanoma|carcinoma basocelular|cirugia de mohs|extirpacion de lunar'],
  ['laser', 'dermatology_aesthetics', 1, 'laser treatment|laser resurfacing|laser hair removal|ipl|fraxel|co2 laser', 'tratamiento laser|depilacion laser|laser fraccionado'],
  ['peel', 'dermatology_aesthetics', 1, 'chemical peel|microneedling|microdermabrasion|hydrafacial|facial', 'peeling quimico|microagujas|microdermoabrasion|limpieza facial'],
  ['body_contouring', 'dermatology_aesthetics', 1, 'coolsculpting|liposuction|lipo|tummy tuck|body contouring|bbl|brazilian butt lift', 'liposuccion|lipo|abdominoplastia|moldeado corporal'],
  ['cosmetic_surgery', 'dermatology_aesthetics', 1, 'facelift|face lift|rhinoplasty|nose job|breast augmentation|breast implants|breast reduction|blepharoplasty|eyelid surgery|cosmetic surgery|plastic surgery', 'estiramiento facial|rinoplastia|operacion de nariz|aumento de senos|implantes mamarios|reduccion de senos|blefaroplastia|cirugia estetica|cirugia plastica'],
  ['hair_loss', 'dermatology_aesthetics', 1, 'hair loss|alopecia|balding|hair transplant|prp', 'caida del cabello|alopecia|calvicie|trasplante de cabello'],
  ['scars', 'dermatology_aesthetics', 1, 'scar|scars|scarring|keloid|stretch marks|burn|burns', 'cicatriz|cicatrices|queloide|estrias|quemadura|quemaduras'],
  ['wrinkles', 'dermatology_aesthetics', 1, 'wrinkles|fine lines|crow\'s feet|sun damage|age spots|melasma|hyperpigmentation', 'arrugas|lineas de expresion|patas de gallo|dano solar|manchas|melasma|hiperpigmentacion'],
  ['weight_loss', 'chronic', 1, 'weight loss|lost weight|semaglutide|ozempic|wegovy|mounjaro|bariatric|gastric bypass|gastric sleeve|obesity|overweight', 'perdida de peso|bajo de peso|bajar de peso|ozempic|cirugia bariatrica|bypass gastrico|manga gastrica|obesidad|sobrepeso'],

  // Behavioral health.
  ['depression', 'behavioral_health', 1, 'depression|depressed|depressive|postpartum depression|major depressive', 'depresion|deprimida|deprimido|depresion posparto'],
  ['anxiety', 'behavioral_health', 1, 'anxiety|anxious|panic attacks|panic attack|panic disorder|social anxiety|gad', 'ansiedad|ataques de panico|ataque de panico|trastorno de panico'],
  ['ptsd', 'behavioral_health', 1, 'ptsd|trauma|post-traumatic stress|traumatic', 'tept|estres postraumatico|trauma'],
  ['bipolar', 'behavioral_health', 1, 'bipolar|bipolar disorder|mania|manic', 'bipolar|trastorno bipolar|mania'],
  ['adhd', 'behavioral_health', 1, 'adhd|add|attention deficit', 'tdah|deficit de atencion'],
  ['autism', 'behavioral_health', 1, 'autism|autistic|asd|on the spectrum|asperger', 'autismo|autista|tea|asperger'],
  ['addiction', 'behavioral_health', 1, 'addiction|addicted|substance use|alcoholism|alcoholic|sobriety|sober|recovery from addiction|detox|rehab facility|opioid use|relapse', 'adiccion|adicta|adicto|alcoholismo|alcoholica|alcoholico|sobriedad|desintoxicacion|recaida'],
  ['eating_disorder', 'behavioral_health', 1, 'eating disorder|anorexia|bulimia|binge eating', 'trastorno alimenticio|anorexia|bulimia|atracones'],
  ['ocd', 'behavioral_health', 1, 'ocd|obsessive compulsive', 'toc|trastorno obsesivo compulsivo'],
  ['schizophrenia', 'behavioral_health', 1, 'schizophrenia|psychosis|psychotic', 'esquizofrenia|psicosis|psicotica|psicotico'],
  ['suicide', 'behavioral_health', 1, 'suicidal|suicide attempt|self-harm|self harm', 'suicida|intento de suicidio|autolesion'],
  ['counseling', 'behavioral_health', 0, 'counseling|counselling|psychotherapy|talk therapy|cbt|dbt|psychiatrist|psychologist|mental health|grief counseling|couples therapy', 'consejeria|psicoterapia|terapia psicologica|psiquiatra|psicologa|psicologo|salud mental|terapia de pareja'],
  ['insomnia', 'behavioral_health', 1, 'insomnia|sleep apnea|cpap|sleep disorder', 'insomnio|apnea del sueno|trastorno del sueno'],

  // Imaging and tests.
  ['xray', 'imaging', 0, 'x-ray|x-rays|xray|radiograph', 'radiografia|rayos x'],
  ['mri', 'imaging', 0, 'mri|mri scan|magnetic resonance', 'resonancia magnetica|resonancia'],
  ['ct', 'imaging', 0, 'ct scan|cat scan|ct', 'tomografia|tac'],
  ['ultrasound', 'imaging', 0, 'ultrasound|sonogram|echocardiogram|echo', 'ultrasonido|ecografia|ecocardiograma'],
  ['mammogram', 'imaging', 1, 'mammogram|mammography', 'mamografia'],
  ['dexa', 'imaging', 1, 'dexa scan|bone scan', 'densitometria|gammagrafia osea'],
  ['pet', 'imaging', 1, 'pet scan', 'tomografia por emision de positrones'],
  ['colonoscopy', 'imaging', 1, 'colonoscopy|endoscopy', 'colonoscopia|endoscopia'],

  // Chronic and other conditions.
  ['diabetes', 'chronic', 1, 'diabetes|diabetic|prediabetes|type 1|type 2|insulin|a1c|blood sugar', 'diabetes|diabetica|diabetico|prediabetes|tipo 1|tipo 2|insulina|azucar en la sangre|glucosa'],
  ['hypertension', 'chronic', 1, 'high blood pressure|hypertension|blood pressure', 'presion alta|hipertension|presion arterial'],
  ['heart', 'chronic', 1, 'heart attack|heart disease|heart surgery|bypass surgery|stent|pacemaker|cardiac|heart failure|afib|atrial fibrillation|cardiac rehab', 'infarto|ataque al corazon|enfermedad cardiaca|cirugia de corazon|cirugia cardiaca|marcapasos|insuficiencia cardiaca|fibrilacion auricular|rehabilitacion cardiaca'],
  ['cancer', 'chronic', 1, 'cancer|tumor|tumour|chemo|chemotherapy|radiation therapy|radiation|oncology|lymphoma|leukemia|breast cancer|prostate cancer|mastectomy|in remission|remission', 'cancer|tumor|quimio|quimioterapia|radioterapia|oncologia|linfoma|leucemia|cancer de mama|cancer de prostata|mastectomia|en remision|remision'],
  ['asthma', 'chronic', 1, 'asthma|copd|emphysema|inhaler|bronchitis|pneumonia', 'asma|epoc|enfisema|inhalador|bronquitis|neumonia'],
  ['covid', 'chronic', 1, 'covid|covid-19|long covid|coronavirus', 'covid|covid-19|covid prolongado|coronavirus'],
  ['ms', 'chronic', 1, 'multiple sclerosis|ms', 'esclerosis multiple|em'],
  ['parkinsons', 'chronic', 1, 'parkinson\'s|parkinsons|parkinson', 'parkinson|mal de parkinson'],
  ['dementia', 'chronic', 1, 'dementia|alzheimer\'s|alzheimers|alzheimer|memory loss', 'demencia|alzheimer|perdida de memoria'],
  ['epilepsy', 'chronic', 1, 'epilepsy|seizures|seizure', 'epilepsia|convulsiones|convulsion'],
  ['migraine', 'chronic', 1, 'migraine|migraines|chronic headaches|headaches', 'migrana|migranas|jaquecas|dolores de cabeza'],
  ['fibromyalgia', 'chronic', 1, 'fibromyalgia|lupus|chronic fatigue|lyme disease', 'fibromialgia|lupus|fatiga cronica|enfermedad de lyme'],
  ['kidney', 'chronic', 1, 'kidney disease|dialysis|kidney stones|kidney transplant', 'enfermedad renal|dialisis|calculos renales|trasplante de rinon'],
  ['transplant', 'chronic', 1, 'transplant|organ transplant|liver transplant', 'trasplante|trasplante de organo|trasplante de higado'],
  ['hiv', 'chronic', 1, 'hiv|aids|hepatitis|std|sti|herpes', 'vih|sida|hepatitis|its|ets|herpes'],
  ['allergy', 'chronic', 1, 'allergy|allergies|allergic|food allergy', 'alergia|alergias|alergica|alergico'],
  ['thyroid', 'chronic', 1, 'thyroid|hypothyroidism|hyperthyroidism', 'tiroides|hipotiroidismo|hipertiroidismo'],
  ['cerebral_palsy', 'chronic', 1, 'cerebral palsy|spina bifida|down syndrome|muscular dystrophy', 'paralisis cerebral|espina bifida|sindrome de down|distrofia muscular'],
  ['paralysis', 'chronic', 1, 'paralysis|paralyzed|spinal cord injury|quadriplegic|paraplegic', 'paralisis|paralizada|paralizado|lesion medular|cuadriplejico|paraplejico'],
  ['lymphedema', 'chronic', 1, 'lymphedema|swelling|edema', 'linfedema|hinchazon|edema'],
  ['hernia', 'general', 1, 'hernia|hernia repair', 'hernia|reparacion de hernia'],
  ['appendix', 'general', 1, 'appendicitis|appendectomy|gallbladder|gallstones', 'apendicitis|apendicectomia|vesicula|calculos biliares'],

  // Women's health and pregnancy.
  ['pregnancy', 'womens_health', 1, 'pregnancy|pregnant|prenatal|postpartum|postnatal|expecting a baby|c-section|cesarean|miscarriage|ivf|infertility|fertility treatment', 'embarazo|embarazada|prenatal|posparto|cesarea|aborto espontaneo|fiv|infertilidad|tratamiento de fertilidad'],
  ['pelvic_floor', 'womens_health', 1, 'pelvic floor|incontinence|diastasis recti|prolapse|endometriosis|pcos|menopause|hysterectomy', 'piso pelvico|suelo pelvico|incontinencia|diastasis abdominal|prolapso|endometriosis|sop|menopausia|histerectomia'],

  // Eyes and ears.
  ['vision', 'eyes_ears', 1, 'cataract|cataracts|cataract surgery|glaucoma|lasik|macular degeneration|vision loss', 'catarata|cataratas|cirugia de cataratas|glaucoma|degeneracion macular|perdida de vision'],
  ['hearing', 'eyes_ears', 1, 'hearing loss|hearing aid|hearing aids|tinnitus|cochlear implant', 'perdida auditiva|audifono|audifonos|tinnitus|zumbido en los oidos|implante coclear'],

  // Billing and payment: care that was paid for is health information too.
  ['billing', 'billing', 0, 'copay|co-pay|copayment|deductible|out-of-pocket|out of pocket|medical bill|medical bills|payment plan|balance due|past due|paid in full|financing plan|carecredit|collections|billing', 'copago|deducible|gastos de bolsillo|factura medica|facturas medicas|plan de pagos|saldo pendiente|saldo vencido|pagado en su totalidad|financiamiento|cobranza|facturacion'],
];

export const healthLexicon: readonly HealthConcept[] = rows.map(([concept, field, specific, en, es]) => ({
  concept,
  field,
  specific: specific === 1,
  en: en.split('|'),
  es: es.split('|'),
}));

/**
 * Acronyms that are also ordinary words ("ms", "add", "its", "tea"): they
 * count only when written in capitals.
 */
export const acronymTerms = new Set([
  'add', 'asd', 'ms', 'ct', 'em', 'its', 'ets', 'tea', 'toc', 'sop', 'tia', 'tha', 'thr', 'tka', 'tkr', 'gad', 'prp', 'ipl', 'lca', 'atm', 'tmd', 'std', 'sti',
  'tbi', 'tac', 'fiv', 'hiv', 'aids', 'ocd', 'acl', 'mri', 'pt sessions', 'pt session', 'copd', 'epoc', 'vih', 'tept', 'tdah', 'cbt', 'dbt', 'er visit', 'icu', 'bbl', 'a1c',
]);

/**
 * General words that always tell of care, whoever they are about: a
 * discharge from hospital, being post-op, a full recovery.
 */
export const evidentCareTerms = new Set([
  'discharged', 'hospitalized', 'admitted to the hospital', 'post-op', 'post-surgery', 'post-operative', 'postoperatorio', 'dada de alta', 'dado de alta',
  'hospitalizada', 'hospitalizado', 'internada', 'internado', 'full recovery', 'complete recovery', 'recuperacion completa', 'recuperacion total', 'icu',
  'emergency room', 'urgent care', 'sala de emergencias', 'urgencias', 'terapia intensiva', 'pain-free', 'sin dolor', 'chronic pain', 'dolor cronico',
]);

/**
 * Words that also have an everyday meaning ("shot" of espresso, a "crown",
 * "recovery takes time"): they count when the words just before them make
 * them about someone's care ("her crown", "after surgery", "without pain").
 * Every general (non-specific) concept is treated the same way, so generic
 * service words ("we offer physical therapy") are not a disclosure.
 */
export const everydayTerms = new Set([
  'shot', 'shots', 'brace', 'cane', 'walker', 'crown', 'crowns', 'bridge', 'filling', 'fillings', 'implant', 'implants', 'corona', 'coronas', 'cleaning', 'facial',
  'burn', 'burns', 'strain', 'trauma', 'traumatic', 'mania', 'sober', 'relapse', 'swelling', 'bonding', 'whitening', 'lipo', 'rash', 'decay', 'scar', 'scars',
  'edema', 'manchas', 'arrugas', 'anxious', 'depressed', 'tumor', 'remission', 'radiation', 'retainer', 'aligners', 'prosthetic', 'headaches', 'type 1', 'type 2',
  'tipo 1', 'tipo 2', 'echo', 'transplant', 'trauma', 'blood pressure', 'presion arterial', 'insulin', 'insulina', 'glucosa', 'blood sugar', 'fall risk',
  'allergy', 'allergies', 'allergic', 'alergia', 'alergias', 'burn', 'seizure', 'stent', 'hernia', 'swelling', 'hinchazon', 'cardiac', 'migraine', 'migraines',
  'weight loss', 'lost weight', 'bajar de peso', 'perdida de peso', 'overweight', 'sobrepeso', 'wrinkles', 'fine lines', 'stretch marks', 'estrias', 'scarring',
]);
