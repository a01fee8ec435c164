// Reference tables for the synthetic US list generator: names with nicknames, surnames by frequency, real city/state/ZIPs, USPS words.

/**
 * Given names, most common first (adults in the US, roughly by SSA popularity), with sex and nicknames.
 * Format: 'Name:S:nick|nick'. The generator weights them by rank, so James is common and Björn is rare.
 */
const FIRST_NAME_SPEC = `
James:M:Jim|Jimmy|Jamie
Mary:F:Molly|Mae|Polly
Robert:M:Bob|Rob|Bobby|Robbie|Bert
John:M:Jack|Johnny|Jon
Michael:M:Mike|Mikey|Mick
Patricia:F:Pat|Patty|Trish|Tricia
David:M:Dave|Davey
Jennifer:F:Jen|Jenny|Jenn
William:M:Bill|Will|Billy|Willie|Liam
Linda:F:Lindy
Richard:M:Rick|Rich|Dick|Ricky|Richie
Elizabeth:F:Liz|Beth|Betty|Lizzie|Eliza|Betsy
Joseph:M:Joe|Joey
Barbara:F:Barb|Barbie
Thomas:M:Tom|Tommy
Susan:F:Sue|Susie
Charles:M:Charlie|Chuck|Chas
Jessica:F:Jess|Jessie
Christopher:M:Chris|Topher
Sarah:F:Sally|Sadie
Daniel:M:Dan|Danny
Karen:F:
Matthew:M:Matt
Lisa:F:
Anthony:M:Tony
Nancy:F:Nan
Mark:M:
Betty:F:
Donald:M:Don|Donnie
Margaret:F:Maggie|Peggy|Meg|Marge|Margie
Steven:M:Steve
Sandra:F:Sandy
Paul:M:
Ashley:F:Ash
Andrew:M:Andy|Drew
Kimberly:F:Kim|Kimmy
Joshua:M:Josh
Emily:F:Em|Emmy
Kenneth:M:Ken|Kenny
Donna:F:
Kevin:M:
Michelle:F:Shelly|Mickey
Brian:M:
Carol:F:
George:M:
Amanda:F:Mandy|Amy
Timothy:M:Tim|Timmy
Dorothy:F:Dot|Dottie|Dolly
Ronald:M:Ron|Ronnie
Melissa:F:Mel|Missy
Edward:M:Ed|Eddie|Ted|Ned
Deborah:F:Deb|Debbie
Jason:M:Jay
Stephanie:F:Steph
Jeffrey:M:Jeff
Rebecca:F:Becky|Becca
Ryan:M:
Sharon:F:
Jacob:M:Jake
Laura:F:Laurie
Gary:M:
Cynthia:F:Cindy
Nicholas:M:Nick|Nicky
Kathleen:F:Kathy|Kate|Katie
Eric:M:
Amy:F:
Jonathan:M:Jon|Johnny
Angela:F:Angie
Stephen:M:Steve
Shirley:F:
Larry:M:
Anna:F:Annie
Justin:M:
Brenda:F:
Scott:M:
Pamela:F:Pam
Brandon:M:
Emma:F:
Benjamin:M:Ben|Benny
Nicole:F:Nikki
Samuel:M:Sam|Sammy
Helen:F:
Gregory:M:Greg
Samantha:F:Sam|Sammy
Alexander:M:Alex|Al|Xander
Katherine:F:Kate|Kathy|Katie|Kat|Kay
Frank:M:
Christine:F:Chris|Chrissy|Tina
Patrick:M:Pat
Debra:F:Deb|Debbie
Raymond:M:Ray
Rachel:F:
Jack:M:
Carolyn:F:Carrie|Lynn
Dennis:M:Denny
Janet:F:Jan
Jerry:M:
Catherine:F:Cathy|Kate|Cat
Tyler:M:
Maria:F:
Aaron:M:
Heather:F:
José:M:Pepe
Diane:F:Di
Adam:M:
Ruth:F:Ruthie
Nathan:M:Nate
Julie:F:
Henry:M:Hank|Harry
Olivia:F:Liv|Livvy
Douglas:M:Doug
Joyce:F:
Zachary:M:Zach|Zack
Virginia:F:Ginny|Ginger
Peter:M:Pete
Victoria:F:Vicky|Tori
Kyle:M:
Kelly:F:
Ethan:M:
Lauren:F:
Walter:M:Walt
Christina:F:Chris|Tina
Noah:M:
Joan:F:Joanie
Jeremy:M:Jerry
Evelyn:F:Evie
Christian:M:
Judith:F:Judy
Keith:M:
Megan:F:Meg
Roger:M:
Andrea:F:Andie
Terry:M:
Cheryl:F:
Gerald:M:Jerry|Gerry
Hannah:F:
Harold:M:Harry|Hal
Jacqueline:F:Jackie
Sean:M:
Martha:F:Mattie
Austin:M:
Gloria:F:
Carl:M:
Teresa:F:Terry|Tess
Arthur:M:Art|Artie
Ann:F:Annie
Lawrence:M:Larry
Sara:F:
Dylan:M:
Madison:F:Maddie
Jesse:M:
Frances:F:Fran|Frankie
Jordan:M:
Kathryn:F:Kathy|Kate
Bryan:M:
Janice:F:Jan
Billy:M:
Jean:F:
Joe:M:
Abigail:F:Abby
Bruce:M:
Alice:F:Allie
Gabriel:M:Gabe
Judy:F:
Logan:M:
Sophia:F:Sophie
Albert:M:Al|Bert
Grace:F:Gracie
Willie:M:
Denise:F:
Alan:M:Al
Amber:F:
Juan:M:
Doris:F:
Wayne:M:
Marilyn:F:
Elijah:M:Eli
Danielle:F:Dani
Randy:M:
Beverly:F:Bev
Roy:M:
Isabella:F:Bella|Izzy
Vincent:M:Vince|Vinny
Theresa:F:Terry|Tess|Tessa
Ralph:M:
Diana:F:Di
Eugene:M:Gene
Natalie:F:Nat
Russell:M:Russ
Brittany:F:Britt
Bobby:M:
Charlotte:F:Charlie|Lottie
Philip:M:Phil
Marie:F:
Louis:M:Lou
Kayla:F:
Harry:M:
Alexis:F:Lexi
Howard:M:Howie
Lori:F:
Frederick:M:Fred|Freddie
Josephine:F:Jo|Josie
Leonard:M:Leo|Len|Lenny
Rose:F:Rosie
Stanley:M:Stan
Jane:F:Janie
Martin:M:Marty
Valerie:F:Val
Craig:M:
Alexandra:F:Alex|Sandy|Lexi
Curtis:M:Curt
Gabrielle:F:Gabby
Dale:M:
Tiffany:F:
Phillip:M:Phil
Kristen:F:Kris
Todd:M:
Erin:F:
Shawn:M:
Tammy:F:
Victor:M:Vic
Wendy:F:
Luis:M:
Dawn:F:
Carlos:M:
Tracy:F:
Antonio:M:Tony
Rhonda:F:
Manuel:M:Manny
Connie:F:
Jesús:M:Chuy
Carla:F:
Miguel:M:
Vanessa:F:Nessa
Francisco:M:Frank|Paco|Pancho
Regina:F:Gina
Alejandro:M:Alex
Yolanda:F:Yoli
Ricardo:M:Rick
Rosa:F:
Marcus:M:
Carmen:F:
Derek:M:
Ana:F:
Travis:M:
Guadalupe:F:Lupe
Chad:M:
Veronica:F:Ronnie|Vero
Brett:M:
Monica:F:
Mitchell:M:Mitch
Sonia:F:
Theodore:M:Ted|Teddy|Theo
Eleanor:F:Ellie|Nell|Nora
Ernest:M:Ernie
Florence:F:Flo
Herbert:M:Herb|Bert
Louise:F:Lou
Alfred:M:Al|Alfie|Fred
Roberta:F:Bobbie
Bernard:M:Bernie
Suzanne:F:Sue|Suzy
Francis:M:Frank
Leslie:F:
Nathaniel:M:Nate|Nat
Holly:F:
Abraham:M:Abe
Paula:F:
Edwin:M:Ed
Erica:F:
Calvin:M:Cal
Crystal:F:
Dominic:M:Dom
Melanie:F:Mel
Wesley:M:Wes
Joanne:F:Jo
Marvin:M:
Colleen:F:
Glenn:M:
Bonnie:F:
Warren:M:
Shannon:F:
Troy:M:
Ellen:F:
Cody:M:
Jill:F:
Evan:M:
Gail:F:
Luke:M:
Sylvia:F:
Ian:M:
Molly:F:
Isaac:M:Ike
Allison:F:Ally
Caleb:M:
Courtney:F:
Owen:M:
Caroline:F:Carrie
Cameron:M:Cam
Audrey:F:
Bradley:M:Brad
Leah:F:
Reginald:M:Reggie
Lillian:F:Lily|Lil
Rodney:M:Rod
Irene:F:
Clifford:M:Cliff
Edith:F:Edie
Stuart:M:Stu
Mildred:F:Millie
Clayton:M:Clay
Norma:F:
Jorge:M:
Phyllis:F:
Pedro:M:
Anita:F:
Javier:M:
Lucía:F:Lucy
Fernando:M:Nando
Dolores:F:Lola|Dee
Eduardo:M:Eddie|Lalo
Antoinette:F:Toni
Roberto:M:Beto
Johanna:F:Jo
Rafael:M:Rafa
Maureen:F:Mo
Jamal:M:
Keisha:F:
Darnell:M:
LaToya:F:
DeShawn:M:
Aisha:F:
Wei:M:
Mei:F:
Raj:M:
Priya:F:
Mohammed:M:Mo
Fatima:F:
Minh:M:
Linh:F:
Hiroshi:M:
Yuki:F:
André:M:Andy
Renée:F:
Björn:M:
Zoë:F:Zoe
François:M:
Chloé:F:
`;

export interface FirstName {
  name: string;
  sex: 'M' | 'F';
  nicknames: readonly string[];
}

export const FIRST_NAMES: readonly FirstName[] = FIRST_NAME_SPEC.trim()
  .split('\n')
  .map((line) => {
    const [name, sex, nicks] = line.split(':');
    return { name: name!, sex: sex as 'M' | 'F', nicknames: nicks ? nicks.split('|') : [] };
  });

/** Rank weights for FIRST_NAMES (Zipf-like: the 1st is ~40× the 300th). */
export const FIRST_NAME_WEIGHTS: readonly number[] = FIRST_NAMES.map((_, i) => 1 / Math.pow(i + 8, 0.9));

/**
 * Surnames with their approximate count in the 2010 US census, in thousands (Smith ≈ 2.44 million), down to rare
 * names (Kowalski, Müller). The generator draws them in proportion, so Smiths collide and Kowalskis don't.
 * Format: 'Name:count'; an underscore stands for a space inside a name (Van_Buren).
 */
const SURNAME_SPEC = `
Smith:2443 Johnson:1933 Williams:1625 Brown:1437 Jones:1425 Garcia:1166 Miller:1161 Davis:1116 Rodriguez:1095
Martinez:1060 Hernandez:1043 Lopez:875 Gonzalez:841 Wilson:802 Anderson:784 Thomas:756 Taylor:751 Moore:724
Jackson:708 Martin:703 Lee:693 Perez:682 Thompson:665 White:660 Harris:624 Sanchez:613 Clark:563 Ramirez:557
Lewis:532 Robinson:530 Walker:501 Young:484 Allen:483 King:465 Wright:459 Scott:440 Torres:438 Nguyen:438 Hill:435
Flores:434 Green:430 Adams:428 Nelson:425 Baker:420 Hall:407 Rivera:391 Campbell:386 Mitchell:384 Carter:377
Roberts:377 Gomez:366 Phillips:352 Evans:342 Turner:338 Diaz:336 Parker:333 Cruz:324 Edwards:323 Collins:317
Reyes:311 Stewart:293 Morris:292 Morales:291 Murphy:290 Cook:281 Rogers:280 Gutierrez:268 Ortiz:265 Morgan:264
Cooper:261 Peterson:259 Bailey:256 Reed:253 Kelly:251 Howard:250 Ramos:248 Kim:245 Cox:243 Ward:242 Richardson:240
Watson:235 Brooks:233 Chavez:233 Wood:232 James:231 Bennett:230 Gray:229 Mendoza:227 Ruiz:226 Hughes:225 Price:224
Alvarez:223 Castillo:222 Sanders:221 Patel:220 Myers:219 Long:218 Ross:218 Foster:217 Jimenez:215 Powell:213
Jenkins:212 Perry:211 Russell:208 Sullivan:205 Bell:204 Coleman:203 Butler:202 Henderson:201 Barnes:201
Gonzales:200 Fisher:199 Vasquez:198 Simmons:197 Romero:196 Jordan:195 Patterson:194 Alexander:193 Hamilton:192
Graham:190 Reynolds:189 Griffin:188 Wallace:187 Moreno:186 West:185 Cole:184 Hayes:183 Bryant:182 Herrera:181
Gibson:180 Ellis:179 Tran:178 Medina:177 Aguilar:176 Stevens:175 Murray:174 Ford:173 Castro:172 Marshall:171
Owens:170 Harrison:169 Fernandez:168 McDonald:167 Woods:166 Washington:165 Kennedy:164 Wells:163 Vargas:162
Henry:161 Chen:160 Freeman:159 Webb:158 Tucker:157 Guzman:156 Burns:155 Crawford:154 Olson:153 Simpson:152
Porter:151 Hunter:150 Gordon:149 Mendez:148 Silva:147 Shaw:146 Snyder:145 Mason:144 Dixon:143 Munoz:142 Hunt:141
Hicks:140 Holmes:139 Palmer:138 Wagner:137 Black:136 Robertson:135 Boyd:134 Rose:133 Stone:132 Salazar:131
Fox:130 Warren:129 Mills:128 Meyer:127 Rice:126 Schmidt:125 Garza:124 Daniels:123 Ferguson:122 Nichols:121
Stephens:120 Soto:119 Weaver:118 Ryan:117 Gardner:116 Payne:115 Grant:114 Dunn:113 Kelley:112 Spencer:111
Hawkins:110 Arnold:109 Pierce:108 Vazquez:107 Hansen:106 Peters:105 Santos:104 Hart:103 Bradley:102 Knight:101
Elliott:100 Cunningham:99 Duncan:98 Armstrong:97 Hudson:96 Carroll:95 Lane:94 Riley:93 Andrews:92 Alvarado:91
Ray:90 Delgado:89 Berry:88 Perkins:87 Hoffman:86 Johnston:85 Matthews:84 Peña:83 Richards:82 Contreras:81
Willis:80 Carpenter:79 Lawrence:78 Sandoval:77 Guerrero:76 George:75 Chapman:74 Rios:73 Estrada:72 Ortega:71
Watkins:70 Greene:69 Núñez:68 Wheeler:67 Valdez:66 Harper:65 Burke:64 Larson:63 Santiago:62 Maldonado:61
Morrison:60 Franklin:59 Carlson:58 Austin:57 Dominguez:56 Carr:55 Lawson:54 Jacobs:53 O'Brien:52 Lynch:51
Singh:50 Vega:49 Bishop:48 Montgomery:47 Oliver:46 Jensen:45 Harvey:44 Williamson:43 Gilbert:42 Dean:41 Sims:40
Espinoza:39 Howell:38 Li:38 Wong:37 Reid:37 Hanson:36 Le:36 McCoy:35 Garrett:35 Burton:34 Fuller:34 Wang:33
Weber:33 Welch:32 Rojas:32 Lucas:31 Marquez:31 Fields:30 Park:30 Yang:30 Little:29 Banks:29 Padilla:28 Day:28
Walsh:27 Bowman:27 Schultz:26 Luna:26 Fowler:25 Mejia:25 Davidson:24 Acosta:24 Brewer:23 May:23 Holland:22
Juarez:22 Newman:21 Pearson:21 Curtis:20 Cortez:20 Douglas:19 Schneider:19 Joseph:18 Barrett:18 Navarro:17
Figueroa:17 Keller:16 Ávila:16 Wade:15 Molina:15 Stanley:15 Hopkins:14 Campos:14 Barnett:14 Bates:13 Chambers:13
Caldwell:12 Beck:12 Lambert:12 Miranda:11 Byrd:11 Craig:11 Ayala:10 Lowe:10 Frazier:10 Powers:9 Neal:9
Leonard:9 Gregory:9 Carrillo:8 Sutton:8 Fleming:8 Rhodes:8 Shelton:7 Schwartz:7 Norris:7 Jennings:7 Watts:6
Duran:6 Walters:6 Cohen:6 McDaniel:6 Moran:5 Parks:5 Steele:5 Vaughn:5 Becker:5 Holt:5 DeLeon:4 Barker:4
Terry:4 Hale:4 Leon:4 Benson:3 Haynes:3 Horton:3 Miles:3 Lyons:3 Pham:3 Graves:3 Bush:3 Thornton:3
Wolfe:3 Warner:3 Cabrera:3 McKinney:3 Mann:3 Zimmerman:3 Dawson:3 Lara:3 Fletcher:3 Page:3 McCarthy:3 Love:3
Kowalski:2 Nowak:2 Wiśniewski:1 Müller:2 Schröder:1 O'Connor:2 O'Neil:2 D'Angelo:1 DiMaggio:1 MacDonald:2
Van_Buren:1 Van_der_Meer:1 St._John:1 Smith-Jones:1 García-López:1 Okafor:1 Adeyemi:1 Yamamoto:1 Tanaka:1
Kaur:2 Gupta:2 Shah:2 Khan:2 Ali:2 Hussain:1 Novak:1 Petrov:1 Ivanova:1 Papadopoulos:1 Rossi:1 Bianchi:1
Esposito:1 Lindqvist:1 Johansson:1 Nilsson:1 Fitzgerald:2 Gallagher:2 Kavanagh:1 Ó_Súilleabháin:0.2 Nováková:0.3
Dubois:1 Lefèvre:0.5 Côté:0.5 Gagné:0.5 Bélanger:0.3 Þórsdóttir:0.1 Schäfer:0.5 Krüger:0.5 Jankowski:1
`;

export interface Surname {
  name: string;
  weight: number;
}

export const SURNAMES: readonly Surname[] = SURNAME_SPEC.trim()
  .split(/\s+/)
  .map((tok) => {
    const i = tok.lastIndexOf(':');
    return { name: tok.slice(0, i).replace(/_/g, ' '), weight: Number(tok.slice(i + 1)) };
  });

/** Middle names (the generator mostly shows only the initial). */
export const MIDDLE_NAMES: readonly string[] = [
  'Allen', 'Ann', 'Anne', 'Bernard', 'Christopher', 'Dean', 'Edward', 'Elizabeth', 'Francis', 'Grace', 'Howard', 'Irene',
  'James', 'Jean', 'Joseph', 'Kay', 'Lee', 'Lynn', 'Louise', 'Marie', 'Michael', 'Nicole', 'Owen', 'Paul', 'Quinn',
  'Rose', 'Ray', 'Scott', 'Thomas', 'Uriel', 'Victor', 'Wayne', 'Xavier', 'Yvonne', 'Zane',
];

export const NAME_SUFFIXES: readonly (readonly string[])[] = [
  ['Jr', 'Jr.', 'JR', 'Junior'],
  ['Sr', 'Sr.', 'SR', 'Senior'],
  ['II', '2nd'],
  ['III', '3rd'],
  ['IV'],
];

/** USPS state codes and names (50 states, DC, Puerto Rico). */
export const STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  PR: 'Puerto Rico', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas',
  UT: 'Utah', VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
};

export interface City {
  name: string;
  state: string;
  /** Real ZIP codes of this city (USPS preferred city name), as 5-digit strings: leading zeros kept. */
  zips: readonly string[];
  areaCodes: readonly string[];
  /** Relative weight (roughly population, in 100k). */
  weight: number;
}

/**
 * Real US cities with real ZIP codes that USPS assigns to that city name, and the area codes that serve them.
 * Format: 'City|ST|zip zip…|area area…|weight'.
 */
const CITY_SPEC = `
New York|NY|10001 10011 10016 10023 10028 10128 10003 10025|212 646 917|40
Brooklyn|NY|11201 11215 11211 11230|718 347|25
Bronx|NY|10451 10467 10463|718 347|14
Staten Island|NY|10301 10314|718|5
Buffalo|NY|14201 14216 14222|716|3
Rochester|NY|14604 14607 14620|585|2
Syracuse|NY|13202 13210|315|1.5
Albany|NY|12203 12208|518|1
Yonkers|NY|10701 10704|914|2
White Plains|NY|10601 10605|914|0.6
Boston|MA|02108 02109 02110 02111 02113 02114 02115 02116 02118|617 857|7
Cambridge|MA|02138 02139 02140|617 857|1.2
Worcester|MA|01602 01604 01609|508 774|1.8
Springfield|MA|01103 01109|413|1.5
Lowell|MA|01850 01852|978|1.1
Providence|RI|02903 02906 02908|401|1.9
Warwick|RI|02886 02888|401|0.8
Hartford|CT|06103 06105 06106|860|1.2
New Haven|CT|06510 06511|203 475|1.3
Stamford|CT|06901 06902 06905|203 475|1.3
Bridgeport|CT|06604 06606|203 475|1.4
Burlington|VT|05401|802|0.4
Portland|ME|04101 04102 04103|207|0.7
Manchester|NH|03101 03103 03104|603|1.1
Nashua|NH|03060 03062|603|0.9
Newark|NJ|07102 07103 07104 07105|973 862|3
Jersey City|NJ|07302 07304 07306|201 551|2.6
Paterson|NJ|07501 07503|973 862|1.5
Trenton|NJ|08608 08611|609|0.9
Princeton|NJ|08540 08542|609|0.3
Hoboken|NJ|07030|201 551|0.6
Edison|NJ|08817 08820|732 848|1
Camden|NJ|08102 08103|856|0.7
Philadelphia|PA|19103 19104 19106 19147 19130|215 267|15
Pittsburgh|PA|15213 15222 15217|412|3
Allentown|PA|18101 18102 18104|610 484|1.2
Harrisburg|PA|17101 17102|717|0.5
Erie|PA|16501 16502|814|1
Scranton|PA|18503 18505|570|0.8
Lancaster|PA|17601 17602 17603|717|0.6
Wilmington|DE|19801 19802 19806|302|0.7
Dover|DE|19901 19904|302|0.4
Baltimore|MD|21201 21202 21218 21230|410 443|6
Bethesda|MD|20814 20816 20817|301 240|0.6
Silver Spring|MD|20901 20910|301 240|0.8
Annapolis|MD|21401 21403|410 443|0.4
Rockville|MD|20850 20852|301 240|0.7
Washington|DC|20001 20002 20009 20036 20016|202|7
Arlington|VA|22201 22203 22209|703 571|2.3
Alexandria|VA|22301 22314|703 571|1.5
Richmond|VA|23219 23220 23221|804|2.3
Virginia Beach|VA|23451 23452 23462|757|4.5
Norfolk|VA|23507 23510|757|2.4
Charlottesville|VA|22901 22902 22903|434|0.5
Roanoke|VA|24011 24014|540|1
Charleston|WV|25301 25302|304|0.5
Charlotte|NC|28202 28203 28204 28277|704 980|8.7
Raleigh|NC|27601 27603 27609 27615|919 984|4.7
Durham|NC|27701 27705 27707|919 984|2.8
Greensboro|NC|27401 27403 27410|336|3
Asheville|NC|28801 28803 28806|828|0.9
Wilmington|NC|28401 28403|910|1.2
Winston-Salem|NC|27101 27103|336|2.5
Charleston|SC|29401 29403 29407|843|1.5
Columbia|SC|29201 29205|803|1.3
Greenville|SC|29601 29605 29607|864|0.7
Atlanta|GA|30303 30305 30308 30309 30318|404 678 470|5
Savannah|GA|31401 31405|912|1.5
Augusta|GA|30901 30904 30909|706 762|2
Athens|GA|30601 30605 30606|706 762|1.3
Marietta|GA|30060 30062 30064|770 678|0.6
Miami|FL|33125 33130 33131 33137|305 786|4.5
Orlando|FL|32801 32803 32806|407 321|3
Tampa|FL|33602 33606 33609|813|4
Jacksonville|FL|32202 32204 32207 32256|904|9.5
Tallahassee|FL|32301 32303 32308|850|2
Fort Lauderdale|FL|33301 33304 33308|954 754|1.8
Saint Petersburg|FL|33701 33704|727|2.6
Gainesville|FL|32601 32605 32607|352|1.4
Sarasota|FL|34231 34236 34239|941|0.6
Naples|FL|34102 34103 34108|239|0.2
Boca Raton|FL|33431 33432 33433|561|1
West Palm Beach|FL|33401 33405|561|1.1
Birmingham|AL|35203 35205 35209|205|2
Montgomery|AL|36104 36106|334|2
Huntsville|AL|35801 35802 35806|256 938|2.1
Mobile|AL|36602 36604 36608|251|1.9
Jackson|MS|39201 39202 39206|601 769|1.5
Nashville|TN|37203 37205 37206 37212|615 629|6.9
Memphis|TN|38103 38104 38117|901|6.3
Knoxville|TN|37902 37916 37919|865|1.9
Chattanooga|TN|37402 37403 37405|423|1.8
Louisville|KY|40202 40204 40205|502|6.2
Lexington|KY|40502 40503 40507|859|3.2
New Orleans|LA|70112 70115 70130|504|3.8
Baton Rouge|LA|70801 70802 70808|225|2.2
Shreveport|LA|71101 71104|318|1.8
Little Rock|AR|72201 72202 72205|501|2
Fayetteville|AR|72701 72703|479|0.9
Columbus|OH|43215 43201 43206|614 380|9
Cleveland|OH|44113 44114 44102|216|3.7
Cincinnati|OH|45202 45206 45208|513|3.1
Toledo|OH|43604 43606|419 567|2.7
Akron|OH|44303 44308|330 234|1.9
Dayton|OH|45402 45409|937|1.4
Detroit|MI|48201 48202 48226|313|6.3
Ann Arbor|MI|48103 48104 48105|734|1.2
Grand Rapids|MI|49503 49504 49506|616|2
Lansing|MI|48912 48933|517|1.1
Kalamazoo|MI|49007 49008|269|0.7
Chicago|IL|60601 60602 60607 60611 60614 60657|312 773 872|27
Evanston|IL|60201 60202|847 224|0.7
Naperville|IL|60540 60563 60565|630 331|1.5
Springfield|IL|62701 62702 62704|217|1.1
Peoria|IL|61602 61604|309|1.1
Rockford|IL|61101 61107|815 779|1.5
Indianapolis|IN|46202 46204 46220|317 463|8.8
Fort Wayne|IN|46802 46804 46805|260|2.6
Bloomington|IN|47401 47403 47408|812 930|0.8
South Bend|IN|46601 46615 46617|574|1
Milwaukee|WI|53202 53203 53211|414|5.8
Madison|WI|53703 53704 53705|608|2.7
Green Bay|WI|54301 54302 54303|920|1.1
Minneapolis|MN|55401 55403 55405 55408|612|4.3
Saint Paul|MN|55101 55102 55104 55105|651|3.1
Rochester|MN|55901 55902 55904|507|1.2
Duluth|MN|55802 55803 55805|218|0.9
Des Moines|IA|50309 50310 50312|515|2.1
Cedar Rapids|IA|52401 52402 52403|319|1.3
Iowa City|IA|52240 52245|319|0.7
Omaha|NE|68102 68105 68114|402 531|4.9
Lincoln|NE|68502 68508 68510|402 531|2.9
Kansas City|MO|64105 64106 64111 64112|816 975|5
Saint Louis|MO|63101 63103 63104 63110|314 557|3
Springfield|MO|65802 65804 65806|417|1.7
Columbia|MO|65201 65203|573|1.3
Kansas City|KS|66101 66102|913|1.5
Wichita|KS|67202 67203 67206|316|4
Overland Park|KS|66204 66210 66213|913|2
Topeka|KS|66603 66604 66606|785|1.3
Fargo|ND|58102 58103 58104|701|1.2
Bismarck|ND|58501 58503|701|0.7
Sioux Falls|SD|57103 57104 57105|605|1.9
Rapid City|SD|57701 57702|605|0.8
Oklahoma City|OK|73102 73103 73106 73118|405 572|6.8
Tulsa|OK|74103 74104 74105|918 539|4.1
Dallas|TX|75201 75204 75205 75206 75219|214 469 972|13
Houston|TX|77002 77003 77006 77019 77056|713 281 832|23
Austin|TX|78701 78702 78703 78704 78731|512 737|9.6
San Antonio|TX|78205 78209 78212 78249|210 726|14.5
Fort Worth|TX|76102 76104 76107 76109|817 682|9
El Paso|TX|79901 79902 79912|915|6.8
Plano|TX|75023 75024 75093|972 469 214|2.9
Arlington|TX|76010 76011 76013|817 682|3.9
Lubbock|TX|79401 79407 79410|806|2.6
Corpus Christi|TX|78401 78404 78411|361|3.2
Albuquerque|NM|87102 87106 87110|505|5.6
Santa Fe|NM|87501 87505 87507|505|0.9
Denver|CO|80202 80203 80205 80206 80218|303 720|7.2
Boulder|CO|80301 80302 80303 80304|303 720|1
Colorado Springs|CO|80903 80905 80907|719|4.8
Fort Collins|CO|80521 80524 80525|970|1.7
Salt Lake City|UT|84101 84102 84103 84105|801 385|2
Provo|UT|84601 84604 84606|801 385|1.1
Boise|ID|83702 83704 83706|208 986|2.3
Phoenix|AZ|85003 85004 85006 85016 85018|602 480 623|16
Tucson|AZ|85701 85705 85711 85719|520|5.4
Scottsdale|AZ|85251 85254 85257 85260|480|2.4
Tempe|AZ|85281 85282 85283|480|1.8
Mesa|AZ|85201 85203 85204|480|5
Flagstaff|AZ|86001 86004|928|0.8
Las Vegas|NV|89101 89102 89109 89117 89123|702 725|6.4
Reno|NV|89501 89502 89509|775|2.6
Henderson|NV|89014 89052 89074|702 725|3.2
Los Angeles|CA|90012 90024 90026 90027 90034 90045|213 310 323 424|39
San Francisco|CA|94102 94103 94107 94110 94115 94117|415 628|8.7
San Diego|CA|92101 92103 92104 92109 92122|619 858|14
San Jose|CA|95110 95112 95125 95128|408 669|10
Oakland|CA|94607 94610 94611 94612|510 341|4.3
Sacramento|CA|95814 95816 95818 95819|916 279|5.2
Fresno|CA|93701 93704 93711 93720|559|5.4
Long Beach|CA|90802 90803 90804 90814|562|4.7
Pasadena|CA|91101 91103 91104 91106|626|1.4
Santa Monica|CA|90401 90402 90403 90405|310 424|0.9
Berkeley|CA|94702 94703 94704 94705 94709|510 341|1.2
Palo Alto|CA|94301 94303 94306|650|0.7
Irvine|CA|92602 92604 92612 92614 92618|949|3
Anaheim|CA|92801 92802 92805 92806|714 657|3.5
Riverside|CA|92501 92503 92506|951|3.2
Santa Barbara|CA|93101 93103 93105|805|0.9
Bakersfield|CA|93301 93304 93309|661|4
Portland|OR|97201 97202 97205 97209 97214|503 971|6.5
Eugene|OR|97401 97403 97405|541 458|1.7
Salem|OR|97301 97302 97304|503 971|1.7
Bend|OR|97701 97702 97703|541 458|1
Seattle|WA|98101 98102 98103 98105 98109 98115|206|7.4
Spokane|WA|99201 99202 99203 99205|509|2.3
Tacoma|WA|98402 98403 98405 98406|253|2.2
Bellevue|WA|98004 98005 98006 98007|425|1.5
Olympia|WA|98501 98502 98506|360 564|0.5
Anchorage|AK|99501 99503 99504 99508|907|2.9
Fairbanks|AK|99701 99709|907|0.3
Honolulu|HI|96813 96814 96815 96816 96822|808|3.5
Billings|MT|59101 59102 59106|406|1.1
Missoula|MT|59801 59802 59803|406|0.7
Cheyenne|WY|82001 82007 82009|307|0.6
Casper|WY|82601 82604 82609|307|0.6
San Juan|PR|00901 00907 00909|787 939|3.4
`;

export const CITIES: readonly City[] = CITY_SPEC.trim()
  .split('\n')
  .map((line) => {
    const [name, state, zips, areas, weight] = line.split('|');
    return { name: name!, state: state!, zips: zips!.split(' '), areaCodes: areas!.split(' '), weight: Number(weight) };
  });

/** Ways a city name is abbreviated in the wild (USPS prefers the spelled-out form). */
export const CITY_WORD_VARIANTS: readonly (readonly string[])[] = [
  ['Saint', 'St.', 'St'],
  ['Fort', 'Ft.', 'Ft'],
  ['Mount', 'Mt.', 'Mt'],
];

/** Street names: common named streets (with a USPS suffix drawn separately). */
export const STREET_NAMES: readonly string[] = [
  'Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Walnut', 'Sunset', 'Lincoln',
  'Jackson', 'Franklin', 'Highland', 'Church', 'Center', 'River', 'Spring', 'Ridge', 'Meadow', 'Forest', 'Willow',
  'Chestnut', 'Jefferson', 'Madison', 'Adams', 'Union', 'Market', 'Broad', 'Water', 'High', 'Mill', 'School',
  'Cherry', 'Hickory', 'Birch', 'Dogwood', 'Magnolia', 'Sycamore', 'Poplar', 'Laurel', 'Holly', 'Spruce', 'Aspen',
  'Valley', 'Lakeview', 'Hillcrest', 'Fairview', 'Woodland', 'Green', 'Prospect', 'Pleasant', 'Liberty', 'Academy',
  'College', 'University', 'Kings', 'Queen', 'Front', 'Bridge', 'Railroad', 'Depot', 'Canal', 'Harbor', 'Bay',
  'Ocean', 'Beach', 'Shore', 'Country Club', 'Old Mill', 'Mountain View', 'Deer Run', 'Fox Hollow', 'Quail Ridge',
  'Peachtree', 'Mockingbird', 'Bluebonnet', 'Saint Charles', 'Martin Luther King Jr', 'Mount Vernon', 'Grand',
  'Central', 'Cambridge', 'Oxford', 'Windsor', 'Hamilton', 'Monroe', 'Wilson', 'Clinton', 'Grant', 'Sheridan',
  'Lafayette', 'Cleveland', 'Kennedy', 'Roosevelt', 'Wall', 'Commerce', 'Industrial', 'Corporate', 'Technology',
  'Executive', 'Research', 'Enterprise', 'Gateway', 'Airport', 'Lee', 'Cypress', 'Palm', 'Orange', 'Mission',
  'El Camino Real', 'Alameda', 'Camino del Rio', 'Via Verde',
];

/** Street names that take no suffix. */
export const BARE_STREETS: readonly string[] = ['Broadway', 'The Alameda', 'Avenue of the Americas', 'Via Verde', 'Kings Highway'];

/** USPS street suffixes: the standard abbreviation first, then what people actually type. */
export interface SuffixForms {
  full: string;
  abbr: string;
  variants: readonly string[];
  weight: number;
}

export const STREET_SUFFIXES: readonly SuffixForms[] = [
  { full: 'Street', abbr: 'St', variants: ['St.', 'STREET', 'Str', 'st'], weight: 30 },
  { full: 'Avenue', abbr: 'Ave', variants: ['Ave.', 'Av', 'Av.', 'Aven'], weight: 20 },
  { full: 'Road', abbr: 'Rd', variants: ['Rd.', 'RD'], weight: 12 },
  { full: 'Drive', abbr: 'Dr', variants: ['Dr.', 'Drv', 'Dri'], weight: 12 },
  { full: 'Lane', abbr: 'Ln', variants: ['Ln.', 'La'], weight: 6 },
  { full: 'Boulevard', abbr: 'Blvd', variants: ['Blvd.', 'Boul', 'Blv'], weight: 5 },
  { full: 'Court', abbr: 'Ct', variants: ['Ct.', 'Crt'], weight: 5 },
  { full: 'Place', abbr: 'Pl', variants: ['Pl.'], weight: 3 },
  { full: 'Circle', abbr: 'Cir', variants: ['Cir.', 'Circ'], weight: 3 },
  { full: 'Parkway', abbr: 'Pkwy', variants: ['Pkwy.', 'Pky', 'Parkwy'], weight: 3 },
  { full: 'Way', abbr: 'Way', variants: ['Wy'], weight: 4 },
  { full: 'Terrace', abbr: 'Ter', variants: ['Terr', 'Ter.'], weight: 2 },
  { full: 'Trail', abbr: 'Trl', variants: ['Tr', 'Trl.'], weight: 2 },
  { full: 'Highway', abbr: 'Hwy', variants: ['Hwy.', 'Hiway'], weight: 1.5 },
  { full: 'Pike', abbr: 'Pike', variants: ['Pk'], weight: 0.5 },
  { full: 'Square', abbr: 'Sq', variants: ['Sq.'], weight: 0.5 },
  { full: 'Plaza', abbr: 'Plz', variants: ['Plza', 'Plz.'], weight: 0.7 },
];

/** Directionals: full, USPS abbreviation, then other spellings. */
export const DIRECTIONALS: readonly (readonly string[])[] = [
  ['North', 'N', 'N.'],
  ['South', 'S', 'S.'],
  ['East', 'E', 'E.'],
  ['West', 'W', 'W.'],
  ['Northeast', 'NE', 'N.E.'],
  ['Northwest', 'NW', 'N.W.'],
  ['Southeast', 'SE', 'S.E.'],
  ['Southwest', 'SW', 'S.W.'],
];

/** Secondary unit designators: full, USPS abbreviation, then other spellings. */
export const UNIT_KINDS = {
  apartment: ['Apartment', 'Apt', 'Apt.', '#', 'Unit', 'APT'],
  suite: ['Suite', 'Ste', 'Ste.', '#', 'STE', 'Suit'],
  unit: ['Unit', 'Unit', '#'],
  floor: ['Floor', 'Fl', 'Fl.', 'Flr'],
  building: ['Building', 'Bldg', 'Bldg.'],
  room: ['Room', 'Rm', 'Rm.'],
} as const;
export type UnitKind = keyof typeof UNIT_KINDS;

export const PO_BOX_FORMS: readonly string[] = ['PO Box', 'P.O. Box', 'P O Box', 'Post Office Box', 'POB', 'Box', 'PO BOX', 'P.O.Box'];

/** Spelled-out ordinals for numbered streets (1st–10th are often written as words). */
export const ORDINAL_WORDS: readonly string[] = ['', 'First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];

/** Attention lines that end up in Address 2 (and sometimes after a line break inside it). */
export const ATTENTION_LINES: readonly string[] = [
  'Attn: Accounts Payable', 'Attn: Purchasing', 'Attn: Receiving', 'c/o Front Desk', 'Attn: Mail Room', 'ATTN: Office Manager',
  'Dept. 210', 'Mail Stop 4B', 'Attention: Billing', 'c/o Legal Dept',
];

/** Company suffixes: canonical form first, then the ways the same suffix is written. */
export const COMPANY_SUFFIXES: readonly { forms: readonly string[]; weight: number }[] = [
  { forms: ['Inc', 'Inc.', 'Incorporated', 'INC', ', Inc.', ', Inc'], weight: 30 },
  { forms: ['LLC', 'L.L.C.', 'Llc', ', LLC', 'L.L.C'], weight: 30 },
  { forms: ['Corp', 'Corp.', 'Corporation', ', Corp.'], weight: 8 },
  { forms: ['Co', 'Co.', 'Company', '& Co.', 'and Company'], weight: 6 },
  { forms: ['Ltd', 'Ltd.', 'Limited'], weight: 2 },
  { forms: ['LLP', 'L.L.P.', ', LLP'], weight: 3 },
  { forms: ['PC', 'P.C.', ', P.C.'], weight: 2 },
  { forms: ['PLLC', 'P.L.L.C.'], weight: 1 },
];

/** Company name stems: places, qualities and coinages. */
export const COMPANY_STEMS: readonly string[] = [
  'Acme', 'Summit', 'Pinnacle', 'Blue Ridge', 'Harbor', 'Lakeside', 'Riverside', 'Keystone', 'Liberty', 'Patriot',
  'Pioneer', 'Heritage', 'Evergreen', 'Redwood', 'Cedar', 'Granite', 'Silver Creek', 'Northwind', 'Sunrise', 'Horizon',
  'Meridian', 'Apex', 'Cornerstone', 'Frontier', 'Atlas', 'Beacon', 'Compass', 'Crescent', 'Eagle', 'Falcon',
  'Gateway', 'Highland', 'Ironwood', 'Legacy', 'Magnolia', 'Oakridge', 'Paramount', 'Prairie', 'Sterling',
  'Tri-County', 'Twin Oaks', 'United', 'Valley', 'Vanguard', 'Westside', 'Coastal', 'Mountain View', 'Great Lakes',
  'Bayou', 'Mesa', 'Desert Sun', 'Bluebonnet', 'Peachtree', 'Empire State', 'Bay Area', 'Gulf Coast', 'Midwest',
  'Capitol', 'Metro', 'Allied', 'American', 'National', 'First Choice', 'Precision', 'Premier', 'Reliable', 'Superior',
  'Advanced', 'Integrated', 'Dynamic', 'Strategic', 'Creative', 'Bright Path', 'Clearwater', 'Stonebridge', 'Fox Run',
  'Willow Creek', 'Old Town', 'Main Street', 'Hometown', 'Five Star', 'A-1', 'AAA', 'ABC', 'J&M', 'R&R', 'Northstar',
  'Red Rock', 'Green Mountain', 'Big Sky', 'Lone Star', 'Sunbelt', 'Rocky Mountain', 'Chesapeake', 'Cascade',
];

/** Industries with the words that end a company name in that trade. */
export const INDUSTRIES: readonly { name: string; words: readonly string[]; weight: number }[] = [
  { name: 'Dental', words: ['Dental Group', 'Family Dentistry', 'Orthodontics', 'Dental Care', 'Dental Associates'], weight: 4 },
  { name: 'Medical', words: ['Medical Associates', 'Pediatrics', 'Family Medicine', 'Dermatology', 'Eye Care', 'Urgent Care'], weight: 4 },
  { name: 'Veterinary', words: ['Animal Hospital', 'Veterinary Clinic', 'Pet Care'], weight: 2 },
  { name: 'Legal', words: ['Law Group', 'Legal Services', 'Law Offices'], weight: 3 },
  { name: 'Accounting', words: ['Accounting', 'CPAs', 'Tax Services', 'Bookkeeping'], weight: 3 },
  { name: 'Financial Services', words: ['Financial Advisors', 'Wealth Management', 'Capital', 'Financial Group'], weight: 3 },
  { name: 'Insurance', words: ['Insurance Agency', 'Insurance Group', 'Insurance Services'], weight: 3 },
  { name: 'Real Estate', words: ['Realty', 'Properties', 'Property Management', 'Real Estate Group'], weight: 4 },
  { name: 'Construction', words: ['Construction', 'Builders', 'Contracting', 'Remodeling', 'Home Improvement'], weight: 6 },
  { name: 'Trades', words: ['Roofing', 'Plumbing', 'Electric', 'Heating & Cooling', 'HVAC', 'Landscaping', 'Paving', 'Painting'], weight: 7 },
  { name: 'Manufacturing', words: ['Manufacturing', 'Industries', 'Tool & Die', 'Machine Works', 'Fabrication', 'Plastics', 'Metalworks', 'Packaging'], weight: 6 },
  { name: 'Technology', words: ['Software', 'Technologies', 'Systems', 'Solutions', 'Data', 'Networks', 'IT Services', 'Digital'], weight: 6 },
  { name: 'Retail', words: ['Hardware', 'Furniture', 'Florist', 'Boutique', 'Auto Parts', 'Outfitters', 'Supply'], weight: 5 },
  { name: 'Food & Beverage', words: ['Bakery', 'Cafe', 'Bistro', 'Pizza', 'Catering', 'Brewing', 'Wine & Spirits', 'Market'], weight: 5 },
  { name: 'Business Services', words: ['Cleaning Services', 'Staffing', 'Consulting', 'Marketing', 'Printing', 'Office Supply'], weight: 6 },
  { name: 'Transportation', words: ['Logistics', 'Trucking', 'Moving & Storage', 'Freight', 'Transport'], weight: 4 },
  { name: 'Automotive', words: ['Auto Repair', 'Collision', 'Motors', 'Tire & Auto'], weight: 3 },
  { name: 'Personal Services', words: ['Salon & Spa', 'Fitness', 'Yoga Studio', 'Barbershop'], weight: 2 },
  { name: 'Nonprofit', words: ['Foundation', 'Community Services', 'Association'], weight: 2 },
];

/** Job titles: canonical form first, then abbreviations and rewordings seen in purchased lists. */
export const TITLES: readonly (readonly string[])[] = [
  ['Owner', 'Owner', 'OWNER'],
  ['President', 'Pres.', 'Pres'],
  ['Chief Executive Officer', 'CEO', 'C.E.O.'],
  ['President & CEO', 'President and CEO', 'Pres. & CEO', 'President/CEO'],
  ['Chief Financial Officer', 'CFO', 'C.F.O.'],
  ['Chief Operating Officer', 'COO'],
  ['Chief Technology Officer', 'CTO'],
  ['Vice President of Sales', 'VP Sales', 'VP, Sales', 'V.P. Sales', 'Sales VP'],
  ['Vice President of Marketing', 'VP Marketing', 'VP, Marketing', 'V.P. of Marketing'],
  ['Director of Operations', 'Operations Director', 'Dir. of Operations', 'Dir Operations'],
  ['Director of Purchasing', 'Purchasing Director', 'Dir. Purchasing'],
  ['Purchasing Manager', 'Purchasing Mgr', 'Mgr, Purchasing'],
  ['Office Manager', 'Office Mgr', 'Office Mgr.'],
  ['General Manager', 'GM', 'Gen. Mgr.'],
  ['Marketing Manager', 'Marketing Mgr', 'Mktg Manager', 'Mgr, Marketing'],
  ['Sales Manager', 'Sales Mgr', 'Mgr, Sales'],
  ['IT Manager', 'Information Technology Manager', 'I.T. Manager', 'Mgr, IT'],
  ['Practice Manager', 'Practice Mgr'],
  ['Principal', 'Principal'],
  ['Managing Partner', 'Mng. Partner', 'Managing Ptnr'],
  ['Partner', 'Partner'],
  ['Controller', 'Comptroller'],
  ['Human Resources Manager', 'HR Manager', 'H.R. Manager', 'Mgr, Human Resources'],
  ['Facilities Manager', 'Facilities Mgr', 'Facility Manager'],
  ['Administrative Assistant', 'Admin Assistant', 'Admin. Asst.'],
  ['Executive Director', 'Exec. Director', 'Exec Dir'],
  ['Accounts Payable Clerk', 'A/P Clerk', 'AP Clerk'],
  ['Founder', 'Founder'],
  ['Co-Founder', 'Cofounder', 'Co Founder'],
  ['Senior Buyer', 'Sr. Buyer', 'Sr Buyer'],
  ['Project Manager', 'Proj. Mgr.', 'PM'],
  ['Store Manager', 'Store Mgr'],
  ['Plant Manager', 'Plant Mgr'],
  ['Attorney', 'Atty', 'Attorney at Law'],
  ['Dentist', 'DDS', 'D.D.S.'],
  ['Physician', 'MD', 'M.D.'],
  ['Owner/Operator', 'Owner-Operator', 'Owner / Operator'],
  ['Bookkeeper', 'Bookkeeper', 'Book Keeper'],
];

export const FREE_MAIL_DOMAINS: readonly { domain: string; weight: number }[] = [
  { domain: 'gmail.com', weight: 45 },
  { domain: 'yahoo.com', weight: 16 },
  { domain: 'hotmail.com', weight: 8 },
  { domain: 'aol.com', weight: 6 },
  { domain: 'outlook.com', weight: 5 },
  { domain: 'icloud.com', weight: 4 },
  { domain: 'comcast.net', weight: 3 },
  { domain: 'att.net', weight: 2 },
  { domain: 'msn.com', weight: 1.5 },
  { domain: 'verizon.net', weight: 1.5 },
  { domain: 'sbcglobal.net', weight: 1.5 },
  { domain: 'live.com', weight: 1 },
  { domain: 'me.com', weight: 1 },
  { domain: 'bellsouth.net', weight: 1 },
  { domain: 'cox.net', weight: 1 },
  { domain: 'charter.net', weight: 0.7 },
  { domain: 'earthlink.net', weight: 0.5 },
  { domain: 'protonmail.com', weight: 0.5 },
];

/** Where a purchased list says a record came from; each source also has its own house style (see render.ts). */
export const SOURCES: readonly { name: string; weight: number }[] = [
  { name: 'Acme Data - Q1 rental', weight: 30 },
  { name: 'Brightline Lists #4471', weight: 12 },
  { name: 'Keystone Direct', weight: 10 },
  { name: 'NorthStar Compiled B2B', weight: 10 },
  { name: 'Trade show: Midwest Expo', weight: 5 },
  { name: 'Webinar signup', weight: 6 },
  { name: 'Web form', weight: 8 },
  { name: 'Referral', weight: 3 },
  { name: 'Co-op file 2024-03', weight: 6 },
  { name: 'Magazine subscribers', weight: 4 },
  { name: 'Catalog requesters', weight: 3 },
  { name: 'Event badge scan', weight: 2 },
  { name: 'Partner swap, "Spring" exchange', weight: 1 },
];

/** Dates for the house file: customers ordered between these (ISO). */
export const ORDER_DATE_RANGE = { from: '2019-01-01', to: '2025-06-30' } as const;
