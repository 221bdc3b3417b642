import type { INodePropertyOptions } from 'n8n-workflow';

// ISO 3166-1 alpha-2 codes with English names (from the Unicode CLDR), sorted by name so the dropdown is searchable.
export const COUNTRIES: INodePropertyOptions[] = [
	{ name: 'Afghanistan (AF)', value: 'AF' },
	{ name: 'Åland Islands (AX)', value: 'AX' },
	{ name: 'Albania (AL)', value: 'AL' },
	{ name: 'Algeria (DZ)', value: 'DZ' },
	{ name: 'American Samoa (AS)', value: 'AS' },
	{ name: 'Andorra (AD)', value: 'AD' },
	{ name: 'Angola (AO)', value: 'AO' },
	{ name: 'Anguilla (AI)', value: 'AI' },
	{ name: 'Antarctica (AQ)', value: 'AQ' },
	{ name: 'Antigua & Barbuda (AG)', value: 'AG' },
	{ name: 'Argentina (AR)', value: 'AR' },
	{ name: 'Armenia (AM)', value: 'AM' },
	{ name: 'Aruba (AW)', value: 'AW' },
	{ name: 'Australia (AU)', value: 'AU' },
	{ name: 'Austria (AT)', value: 'AT' },
	{ name: 'Azerbaijan (AZ)', value: 'AZ' },
	{ name: 'Bahamas (BS)', value: 'BS' },
	{ name: 'Bahrain (BH)', value: 'BH' },
	{ name: 'Bangladesh (BD)', value: 'BD' },
	{ name: 'Barbados (BB)', value: 'BB' },
	{ name: 'Belarus (BY)', value: 'BY' },
	{ name: 'Belgium (BE)', value: 'BE' },
	{ name: 'Belize (BZ)', value: 'BZ' },
	{ name: 'Benin (BJ)', value: 'BJ' },
	{ name: 'Bermuda (BM)', value: 'BM' },
	{ name: 'Bhutan (BT)', value: 'BT' },
	{ name: 'Bolivia (BO)', value: 'BO' },
	{ name: 'Bosnia & Herzegovina (BA)', value: 'BA' },
	{ name: 'Botswana (BW)', value: 'BW' },
	{ name: 'Bouvet Island (BV)', value: 'BV' },
	{ name: 'Brazil (BR)', value: 'BR' },
	{ name: 'British Indian Ocean Territory (IO)', value: 'IO' },
	{ name: 'British Virgin Islands (VG)', value: 'VG' },
	{ name: 'Brunei (BN)', value: 'BN' },
	{ name: 'Bulgaria (BG)', value: 'BG' },
	{ name: 'Burkina Faso (BF)', value: 'BF' },
	{ name: 'Burundi (BI)', value: 'BI' },
	{ name: 'Cambodia (KH)', value: 'KH' },
	{ name: 'Cameroon (CM)', value: 'CM' },
	{ name: 'Canada (CA)', value: 'CA' },
	{ name: 'Cape Verde (CV)', value: 'CV' },
	{ name: 'Caribbean Netherlands (BQ)', value: 'BQ' },
	{ name: 'Cayman Islands (KY)', value: 'KY' },
	{ name: 'Central African Republic (CF)', value: 'CF' },
	{ name: 'Chad (TD)', value: 'TD' },
	{ name: 'Chile (CL)', value: 'CL' },
	{ name: 'China (CN)', value: 'CN' },
	{ name: 'Christmas Island (CX)', value: 'CX' },
	{ name: 'Cocos (Keeling) Islands (CC)', value: 'CC' },
	{ name: 'Colombia (CO)', value: 'CO' },
	{ name: 'Comoros (KM)', value: 'KM' },
	{ name: 'Congo - Brazzaville (CG)', value: 'CG' },
	{ name: 'Congo - Kinshasa (CD)', value: 'CD' },
	{ name: 'Cook Islands (CK)', value: 'CK' },
	{ name: 'Costa Rica (CR)', value: 'CR' },
	{ name: 'Côte d’Ivoire (CI)', value: 'CI' },
	{ name: 'Croatia (HR)', value: 'HR' },
	{ name: 'Cuba (CU)', value: 'CU' },
	{ name: 'Curaçao (CW)', value: 'CW' },
	{ name: 'Cyprus (CY)', value: 'CY' },
	{ name: 'Czechia (CZ)', value: 'CZ' },
	{ name: 'Denmark (DK)', value: 'DK' },
	{ name: 'Djibouti (DJ)', value: 'DJ' },
	{ name: 'Dominica (DM)', value: 'DM' },
	{ name: 'Dominican Republic (DO)', value: 'DO' },
	{ name: 'Ecuador (EC)', value: 'EC' },
	{ name: 'Egypt (EG)', value: 'EG' },
	{ name: 'El Salvador (SV)', value: 'SV' },
	{ name: 'Equatorial Guinea (GQ)', value: 'GQ' },
	{ name: 'Eritrea (ER)', value: 'ER' },
	{ name: 'Estonia (EE)', value: 'EE' },
	{ name: 'Eswatini (SZ)', value: 'SZ' },
	{ name: 'Ethiopia (ET)', value: 'ET' },
	{ name: 'Falkland Islands (FK)', value: 'FK' },
	{ name: 'Faroe Islands (FO)', value: 'FO' },
	{ name: 'Fiji (FJ)', value: 'FJ' },
	{ name: 'Finland (FI)', value: 'FI' },
	{ name: 'France (FR)', value: 'FR' },
	{ name: 'French Guiana (GF)', value: 'GF' },
	{ name: 'French Polynesia (PF)', value: 'PF' },
	{ name: 'French Southern Territories (TF)', value: 'TF' },
	{ name: 'Gabon (GA)', value: 'GA' },
	{ name: 'Gambia (GM)', value: 'GM' },
	{ name: 'Georgia (GE)', value: 'GE' },
	{ name: 'Germany (DE)', value: 'DE' },
	{ name: 'Ghana (GH)', value: 'GH' },
	{ name: 'Gibraltar (GI)', value: 'GI' },
	{ name: 'Greece (GR)', value: 'GR' },
	{ name: 'Greenland (GL)', value: 'GL' },
	{ name: 'Grenada (GD)', value: 'GD' },
	{ name: 'Guadeloupe (GP)', value: 'GP' },
	{ name: 'Guam (GU)', value: 'GU' },
	{ name: 'Guatemala (GT)', value: 'GT' },
	{ name: 'Guernsey (GG)', value: 'GG' },
	{ name: 'Guinea (GN)', value: 'GN' },
	{ name: 'Guinea-Bissau (GW)', value: 'GW' },
	{ name: 'Guyana (GY)', value: 'GY' },
	{ name: 'Haiti (HT)', value: 'HT' },
	{ name: 'Heard & McDonald Islands (HM)', value: 'HM' },
	{ name: 'Honduras (HN)', value: 'HN' },
	{ name: 'Hong Kong SAR China (HK)', value: 'HK' },
	{ name: 'Hungary (HU)', value: 'HU' },
	{ name: 'Iceland (IS)', value: 'IS' },
	{ name: 'India (IN)', value: 'IN' },
	{ name: 'Indonesia (ID)', value: 'ID' },
	{ name: 'Iran (IR)', value: 'IR' },
	{ name: 'Iraq (IQ)', value: 'IQ' },
	{ name: 'Ireland (IE)', value: 'IE' },
	{ name: 'Isle of Man (IM)', value: 'IM' },
	{ name: 'Israel (IL)', value: 'IL' },
	{ name: 'Italy (IT)', value: 'IT' },
	{ name: 'Jamaica (JM)', value: 'JM' },
	{ name: 'Japan (JP)', value: 'JP' },
	{ name: 'Jersey (JE)', value: 'JE' },
	{ name: 'Jordan (JO)', value: 'JO' },
	{ name: 'Kazakhstan (KZ)', value: 'KZ' },
	{ name: 'Kenya (KE)', value: 'KE' },
	{ name: 'Kiribati (KI)', value: 'KI' },
	{ name: 'Kuwait (KW)', value: 'KW' },
	{ name: 'Kyrgyzstan (KG)', value: 'KG' },
	{ name: 'Laos (LA)', value: 'LA' },
	{ name: 'Latvia (LV)', value: 'LV' },
	{ name: 'Lebanon (LB)', value: 'LB' },
	{ name: 'Lesotho (LS)', value: 'LS' },
	{ name: 'Liberia (LR)', value: 'LR' },
	{ name: 'Libya (LY)', value: 'LY' },
	{ name: 'Liechtenstein (LI)', value: 'LI' },
	{ name: 'Lithuania (LT)', value: 'LT' },
	{ name: 'Luxembourg (LU)', value: 'LU' },
	{ name: 'Macao SAR China (MO)', value: 'MO' },
	{ name: 'Madagascar (MG)', value: 'MG' },
	{ name: 'Malawi (MW)', value: 'MW' },
	{ name: 'Malaysia (MY)', value: 'MY' },
	{ name: 'Maldives (MV)', value: 'MV' },
	{ name: 'Mali (ML)', value: 'ML' },
	{ name: 'Malta (MT)', value: 'MT' },
	{ name: 'Marshall Islands (MH)', value: 'MH' },
	{ name: 'Martinique (MQ)', value: 'MQ' },
	{ name: 'Mauritania (MR)', value: 'MR' },
	{ name: 'Mauritius (MU)', value: 'MU' },
	{ name: 'Mayotte (YT)', value: 'YT' },
	{ name: 'Mexico (MX)', value: 'MX' },
	{ name: 'Micronesia (FM)', value: 'FM' },
	{ name: 'Moldova (MD)', value: 'MD' },
	{ name: 'Monaco (MC)', value: 'MC' },
	{ name: 'Mongolia (MN)', value: 'MN' },
	{ name: 'Montenegro (ME)', value: 'ME' },
	{ name: 'Montserrat (MS)', value: 'MS' },
	{ name: 'Morocco (MA)', value: 'MA' },
	{ name: 'Mozambique (MZ)', value: 'MZ' },
	{ name: 'Myanmar (Burma) (MM)', value: 'MM' },
	{ name: 'Namibia (NA)', value: 'NA' },
	{ name: 'Nauru (NR)', value: 'NR' },
	{ name: 'Nepal (NP)', value: 'NP' },
	{ name: 'Netherlands (NL)', value: 'NL' },
	{ name: 'New Caledonia (NC)', value: 'NC' },
	{ name: 'New Zealand (NZ)', value: 'NZ' },
	{ name: 'Nicaragua (NI)', value: 'NI' },
	{ name: 'Niger (NE)', value: 'NE' },
	{ name: 'Nigeria (NG)', value: 'NG' },
	{ name: 'Niue (NU)', value: 'NU' },
	{ name: 'Norfolk Island (NF)', value: 'NF' },
	{ name: 'North Korea (KP)', value: 'KP' },
	{ name: 'North Macedonia (MK)', value: 'MK' },
	{ name: 'Northern Mariana Islands (MP)', value: 'MP' },
	{ name: 'Norway (NO)', value: 'NO' },
	{ name: 'Oman (OM)', value: 'OM' },
	{ name: 'Pakistan (PK)', value: 'PK' },
	{ name: 'Palau (PW)', value: 'PW' },
	{ name: 'Palestinian Territories (PS)', value: 'PS' },
	{ name: 'Panama (PA)', value: 'PA' },
	{ name: 'Papua New Guinea (PG)', value: 'PG' },
	{ name: 'Paraguay (PY)', value: 'PY' },
	{ name: 'Peru (PE)', value: 'PE' },
	{ name: 'Philippines (PH)', value: 'PH' },
	{ name: 'Pitcairn Islands (PN)', value: 'PN' },
	{ name: 'Poland (PL)', value: 'PL' },
	{ name: 'Portugal (PT)', value: 'PT' },
	{ name: 'Puerto Rico (PR)', value: 'PR' },
	{ name: 'Qatar (QA)', value: 'QA' },
	{ name: 'Réunion (RE)', value: 'RE' },
	{ name: 'Romania (RO)', value: 'RO' },
	{ name: 'Russia (RU)', value: 'RU' },
	{ name: 'Rwanda (RW)', value: 'RW' },
	{ name: 'Samoa (WS)', value: 'WS' },
	{ name: 'San Marino (SM)', value: 'SM' },
	{ name: 'São Tomé & Príncipe (ST)', value: 'ST' },
	{ name: 'Saudi Arabia (SA)', value: 'SA' },
	{ name: 'Senegal (SN)', value: 'SN' },
	{ name: 'Serbia (RS)', value: 'RS' },
	{ name: 'Seychelles (SC)', value: 'SC' },
	{ name: 'Sierra Leone (SL)', value: 'SL' },
	{ name: 'Singapore (SG)', value: 'SG' },
	{ name: 'Sint Maarten (SX)', value: 'SX' },
	{ name: 'Slovakia (SK)', value: 'SK' },
	{ name: 'Slovenia (SI)', value: 'SI' },
	{ name: 'Solomon Islands (SB)', value: 'SB' },
	{ name: 'Somalia (SO)', value: 'SO' },
	{ name: 'South Africa (ZA)', value: 'ZA' },
	{ name: 'South Georgia & South Sandwich Islands (GS)', value: 'GS' },
	{ name: 'South Korea (KR)', value: 'KR' },
	{ name: 'South Sudan (SS)', value: 'SS' },
	{ name: 'Spain (ES)', value: 'ES' },
	{ name: 'Sri Lanka (LK)', value: 'LK' },
	{ name: 'St. Barthélemy (BL)', value: 'BL' },
	{ name: 'St. Helena (SH)', value: 'SH' },
	{ name: 'St. Kitts & Nevis (KN)', value: 'KN' },
	{ name: 'St. Lucia (LC)', value: 'LC' },
	{ name: 'St. Martin (MF)', value: 'MF' },
	{ name: 'St. Pierre & Miquelon (PM)', value: 'PM' },
	{ name: 'St. Vincent & Grenadines (VC)', value: 'VC' },
	{ name: 'Sudan (SD)', value: 'SD' },
	{ name: 'Suriname (SR)', value: 'SR' },
	{ name: 'Svalbard & Jan Mayen (SJ)', value: 'SJ' },
	{ name: 'Sweden (SE)', value: 'SE' },
	{ name: 'Switzerland (CH)', value: 'CH' },
	{ name: 'Syria (SY)', value: 'SY' },
	{ name: 'Taiwan (TW)', value: 'TW' },
	{ name: 'Tajikistan (TJ)', value: 'TJ' },
	{ name: 'Tanzania (TZ)', value: 'TZ' },
	{ name: 'Thailand (TH)', value: 'TH' },
	{ name: 'Timor-Leste (TL)', value: 'TL' },
	{ name: 'Togo (TG)', value: 'TG' },
	{ name: 'Tokelau (TK)', value: 'TK' },
	{ name: 'Tonga (TO)', value: 'TO' },
	{ name: 'Trinidad & Tobago (TT)', value: 'TT' },
	{ name: 'Tunisia (TN)', value: 'TN' },
	{ name: 'Türkiye (TR)', value: 'TR' },
	{ name: 'Turkmenistan (TM)', value: 'TM' },
	{ name: 'Turks & Caicos Islands (TC)', value: 'TC' },
	{ name: 'Tuvalu (TV)', value: 'TV' },
	{ name: 'U.S. Outlying Islands (UM)', value: 'UM' },
	{ name: 'U.S. Virgin Islands (VI)', value: 'VI' },
	{ name: 'Uganda (UG)', value: 'UG' },
	{ name: 'Ukraine (UA)', value: 'UA' },
	{ name: 'United Arab Emirates (AE)', value: 'AE' },
	{ name: 'United Kingdom (GB)', value: 'GB' },
	{ name: 'United States (US)', value: 'US' },
	{ name: 'Uruguay (UY)', value: 'UY' },
	{ name: 'Uzbekistan (UZ)', value: 'UZ' },
	{ name: 'Vanuatu (VU)', value: 'VU' },
	{ name: 'Vatican City (VA)', value: 'VA' },
	{ name: 'Venezuela (VE)', value: 'VE' },
	{ name: 'Vietnam (VN)', value: 'VN' },
	{ name: 'Wallis & Futuna (WF)', value: 'WF' },
	{ name: 'Western Sahara (EH)', value: 'EH' },
	{ name: 'Yemen (YE)', value: 'YE' },
	{ name: 'Zambia (ZM)', value: 'ZM' },
	{ name: 'Zimbabwe (ZW)', value: 'ZW' },
];

export const COUNTRY_CODES = new Set(COUNTRIES.map((country) => String(country.value)));

/**
 * Each country's calling code, national trunk prefix ('' where a leading 0 is part of the number, as in Italy),
 * possible lengths of a national number without it, and international dialling prefix, as libphonenumber's
 * metadata has them: Sakari answers numbers in E.164, and this is what turns a national number into that form
 * (test/countries.test.ts checks this copy against libphonenumber-js). A fifth value marks countries that read
 * numbers with more rules than dropping the trunk prefix (local numbers given an area code, carrier codes):
 * with 'trunk' only a national number written with the trunk prefix is certain, and an international one not
 * when it goes on with 0 or 1; with 'none' no number of the country is. Territories without a calling code of
 * their own are absent.
 */
export const DIALLING: Record<string, readonly [string, string, string, string, ('trunk' | 'none')?]> = {
	AD: ['376', '', '6,8-9', '00'], AE: ['971', '0', '5-12', '00'], AF: ['93', '0', '9', '00'],
	AG: ['1', '1', '10', '011'], AI: ['1', '1', '10', '011'], AL: ['355', '0', '6-9', '00'],
	AM: ['374', '0', '8', '00'], AO: ['244', '', '9', '00'], AR: ['54', '0', '10-11', '00', 'none'],
	AS: ['1', '1', '10', '011'], AT: ['43', '0', '4-13', '00'],
	AU: ['61', '0', '5-10,12', '001[14-689]|14(?:1[14]|34|4[17]|[56]6|7[47]|88)0011', 'trunk'],
	AW: ['297', '', '7', '00'], AX: ['358', '0', '5-12', '00|99(?:[01469]|5(?:[14]1|3[23]|5[59]|77|88|9[09]))'],
	AZ: ['994', '0', '9', '00'], BA: ['387', '0', '8-9', '00'], BB: ['1', '1', '10', '011'],
	BD: ['880', '0', '6-10', '00'], BE: ['32', '0', '8-9', '00'], BF: ['226', '', '8', '00'],
	BG: ['359', '0', '6-9,12', '00'], BH: ['973', '', '8', '00'], BI: ['257', '', '8', '00'],
	BJ: ['229', '', '10', '00'], BL: ['590', '0', '9', '00'], BM: ['1', '1', '10', '011'], BN: ['673', '', '7', '00'],
	BO: ['591', '0', '8-9', '00(?:1\\d)?', 'none'], BQ: ['599', '', '7', '00'],
	BR: ['55', '0', '8-11', '00(?:1[245]|2[1-35]|31|4[13]|[56]5|99)', 'none'], BS: ['1', '1', '10', '011'],
	BT: ['975', '', '7-8', '00'], BW: ['267', '', '7-8,10', '00'], BY: ['375', '8', '6-11', '810', 'none'],
	BZ: ['501', '', '7,11', '00'], CA: ['1', '1', '7,10', '011'],
	CC: ['61', '0', '6-10,12', '001[14-689]|14(?:1[14]|34|4[17]|[56]6|7[47]|88)0011', 'trunk'],
	CD: ['243', '0', '7-10', '00'], CF: ['236', '', '8', '00'], CG: ['242', '', '9', '00'],
	CH: ['41', '0', '9,12', '00'], CI: ['225', '', '10', '00'], CK: ['682', '', '5', '00'],
	CL: ['56', '', '9-11', '(?:0|1(?:1[0-69]|2[02-5]|5[13-58]|69|7[0167]|8[018]))0'], CM: ['237', '', '8-9', '00'],
	CN: ['86', '0', '7-12', '00|1(?:[12]\\d|79)\\d\\d00', 'trunk'],
	CO: ['57', '0', '8,10-11', '00(?:4(?:[14]4|56)|[579])', 'none'], CR: ['506', '', '8,10', '00', 'none'],
	CU: ['53', '0', '6-8,10', '119'], CV: ['238', '', '7', '0'], CW: ['599', '', '7-8', '00'],
	CX: ['61', '0', '6-10,12', '001[14-689]|14(?:1[14]|34|4[17]|[56]6|7[47]|88)0011', 'trunk'],
	CY: ['357', '', '8', '00'], CZ: ['420', '', '9-12', '00'], DE: ['49', '0', '4-15', '00'],
	DJ: ['253', '', '8', '00'], DK: ['45', '', '8', '00'], DM: ['1', '1', '10', '011'], DO: ['1', '1', '10', '011'],
	DZ: ['213', '0', '8-9', '00'], EC: ['593', '0', '8-11', '00'], EE: ['372', '', '7-8,10', '00'],
	EG: ['20', '0', '8-10', '00'], EH: ['212', '0', '9', '00'], ER: ['291', '0', '7', '00'], ES: ['34', '', '9', '00'],
	ET: ['251', '0', '9', '00'], FI: ['358', '0', '5-12', '00|99(?:[01469]|5(?:[14]1|3[23]|5[59]|77|88|9[09]))'],
	FJ: ['679', '', '7,11', '0(?:0|52)'], FK: ['500', '', '5', '00'], FM: ['691', '', '7', '00'],
	FO: ['298', '', '6', '00', 'none'], FR: ['33', '0', '9', '00'], GA: ['241', '', '7-8', '00', 'none'],
	GB: ['44', '0', '7,9-10', '00', 'trunk'], GD: ['1', '1', '10', '011'], GE: ['995', '0', '9', '00'],
	GF: ['594', '0', '9', '00'], GG: ['44', '0', '7,9-10', '00', 'trunk'], GH: ['233', '0', '8-9', '00'],
	GI: ['350', '', '8', '00'], GL: ['299', '', '6', '00'], GM: ['220', '', '7,9', '00'], GN: ['224', '', '8-9', '00'],
	GP: ['590', '0', '9', '00'], GQ: ['240', '', '9', '00'], GR: ['30', '', '10-12', '00'],
	GT: ['502', '', '8,11', '00'], GU: ['1', '1', '10', '011'], GW: ['245', '', '7,9', '00'],
	GY: ['592', '', '7', '001'], HK: ['852', '', '5-9,11', '00(?:30|5[09]|[126-9]?)'], HN: ['504', '', '8,11', '00'],
	HR: ['385', '0', '7-9', '00'], HT: ['509', '', '8', '00'], HU: ['36', '06', '8-9', '00'],
	ID: ['62', '0', '7-17', '00[89]'], IE: ['353', '0', '7-10', '00'], IL: ['972', '0', '7-12', '0(?:0|1(?:05|[2-9]))'],
	IM: ['44', '0', '10', '00', 'trunk'], IN: ['91', '0', '8-13', '00'], IO: ['246', '', '7', '00'],
	IQ: ['964', '0', '8-10', '00'], IR: ['98', '0', '4-7,10', '00'],
	IS: ['354', '', '7,9', '00|1(?:0(?:01|[12]0)|100)'], IT: ['39', '', '6-12', '00'],
	JE: ['44', '0', '10', '00', 'trunk'], JM: ['1', '1', '10', '011'], JO: ['962', '0', '8-9', '00'],
	JP: ['81', '0', '8-17', '010', 'trunk'], KE: ['254', '0', '7-10', '000'], KG: ['996', '0', '9-10', '00'],
	KH: ['855', '0', '8-10', '00[14-9]'], KI: ['686', '0', '5,8', '00'], KM: ['269', '', '7', '00'],
	KN: ['1', '1', '10', '011'], KP: ['850', '0', '8,10', '00|99'],
	KR: ['82', '0', '5-6,8-14', '00(?:[125689]|3(?:[46]5|91)|7(?:00|27|3|55|6[126]))', 'none'],
	KW: ['965', '', '7-8', '00'], KY: ['1', '1', '10', '011'], KZ: ['7', '8', '10,14', '810'],
	LA: ['856', '0', '8-10', '00'], LB: ['961', '0', '7-8', '00'], LC: ['1', '1', '10', '011'],
	LI: ['423', '0', '7,9', '00', 'trunk'], LK: ['94', '0', '9', '00'], LR: ['231', '0', '7-9', '00'],
	LS: ['266', '', '8', '00'], LT: ['370', '0', '8', '00', 'trunk'], LU: ['352', '', '4-11', '00', 'none'],
	LV: ['371', '', '8', '00'], LY: ['218', '0', '9', '00'], MA: ['212', '0', '9', '00'], MC: ['377', '0', '8-9', '00'],
	MD: ['373', '0', '8', '00'], ME: ['382', '0', '8-9', '00'], MF: ['590', '0', '9', '00'],
	MG: ['261', '0', '9', '00', 'trunk'], MH: ['692', '1', '7', '011'], MK: ['389', '0', '8', '00'],
	ML: ['223', '', '8', '00'], MM: ['95', '0', '6-10', '00'], MN: ['976', '0', '8-10', '001'],
	MO: ['853', '', '7-8', '00'], MP: ['1', '1', '10', '011'], MQ: ['596', '0', '9', '00'], MR: ['222', '', '8', '00'],
	MS: ['1', '1', '10', '011'], MT: ['356', '', '8', '00'], MU: ['230', '', '7-8,10', '0(?:0|[24-7]0|3[03])'],
	MV: ['960', '', '7,10', '0(?:0|19)'], MW: ['265', '0', '7,9', '00'], MX: ['52', '', '10', '0[09]'],
	MY: ['60', '0', '8-10', '00'], MZ: ['258', '', '8-9', '00'], NA: ['264', '0', '8-9', '00'],
	NC: ['687', '', '6', '00'], NE: ['227', '', '8', '00'], NF: ['672', '', '6', '00', 'none'],
	NG: ['234', '0', '10-14', '009'], NI: ['505', '', '8', '00'], NL: ['31', '0', '5-11', '00'],
	NO: ['47', '', '5,8', '00'], NP: ['977', '0', '8,10-11', '00'], NR: ['674', '', '7', '00'],
	NU: ['683', '', '4,7', '00'], NZ: ['64', '0', '5-14', '0(?:0|161)'], OM: ['968', '', '7-9', '00'],
	PA: ['507', '', '7-8,10-11', '00'], PE: ['51', '0', '8-9', '00|19(?:1[124]|77|90)00'],
	PF: ['689', '', '6,8-9', '00'], PG: ['675', '', '7-8', '00|140[1-3]'], PH: ['63', '0', '6,8-13', '00'],
	PK: ['92', '0', '8-12', '00'], PL: ['48', '', '6-10', '00'], PM: ['508', '0', '6,9', '00'],
	PR: ['1', '1', '10', '011'], PS: ['970', '0', '8-10', '00'], PT: ['351', '', '9', '00'],
	PW: ['680', '', '7', '01[12]'], PY: ['595', '0', '6-11', '00'], QA: ['974', '', '7-9,11', '00'],
	RE: ['262', '0', '9', '00'], RO: ['40', '0', '6,9', '00'], RS: ['381', '0', '6-12', '00'],
	RU: ['7', '8', '10,14', '810'], RW: ['250', '0', '8-9', '00'], SA: ['966', '0', '9-10', '00'],
	SB: ['677', '', '5,7', '0[01]'], SC: ['248', '', '7', '010|0[0-2]'], SD: ['249', '0', '9', '00'],
	SE: ['46', '0', '6-10,12', '00'], SG: ['65', '', '8,10-11', '0[0-3]\\d'], SH: ['290', '', '4-5', '00'],
	SI: ['386', '0', '5-8', '00|10(?:22|66|88|99)'], SJ: ['47', '', '5,8', '00'], SK: ['421', '0', '6-7,9', '00'],
	SL: ['232', '0', '8', '00'], SM: ['378', '', '8,10', '00', 'none'], SN: ['221', '', '9', '00'],
	SO: ['252', '0', '6-9', '00'], SR: ['597', '', '6-7', '00'], SS: ['211', '0', '9', '00'],
	ST: ['239', '', '7', '00'], SV: ['503', '', '7-8,11', '00'], SX: ['1', '1', '10', '011'],
	SY: ['963', '0', '8-9', '00'], SZ: ['268', '', '8-9', '00'], TC: ['1', '1', '10', '011'],
	TD: ['235', '', '8', '00|16'], TG: ['228', '', '8', '00'], TH: ['66', '0', '8-10,13', '00[1-9]'],
	TJ: ['992', '', '9', '810'], TK: ['690', '', '4-7', '00'], TL: ['670', '', '7-8', '00'],
	TM: ['993', '8', '8', '810'], TN: ['216', '', '8', '00'], TO: ['676', '', '5,7', '00'],
	TR: ['90', '0', '7,10,12-13', '00'], TT: ['1', '1', '10', '011'], TV: ['688', '', '5-7', '00'],
	TW: ['886', '0', '7-11', '0(?:0[25-79]|19)'], TZ: ['255', '0', '9', '00[056]'], UA: ['380', '0', '9-10', '00'],
	UG: ['256', '0', '9', '00[057]'], US: ['1', '1', '10', '011'], UY: ['598', '0', '4-13', '0(?:0|1[3-9]\\d)'],
	UZ: ['998', '', '9', '00'], VA: ['39', '', '6-12', '00'], VC: ['1', '1', '10', '011'], VE: ['58', '0', '10', '00'],
	VG: ['1', '1', '10', '011'], VI: ['1', '1', '10', '011'], VN: ['84', '0', '7-10', '00'],
	VU: ['678', '', '5,7', '00'], WF: ['681', '', '6,9', '00'], WS: ['685', '', '5-7,10', '0'],
	YE: ['967', '0', '7-9', '00'], YT: ['262', '0', '9', '00'], ZA: ['27', '0', '5-10', '00'],
	ZM: ['260', '0', '9', '00'], ZW: ['263', '0', '7,9-10', '00'],
};

/** The countries sharing each calling code (+1, +7, +44…). */
const BY_CALLING_CODE = new Map<string, Array<(typeof DIALLING)[string]>>();
for (const dialling of Object.values(DIALLING)) BY_CALLING_CODE.set(dialling[0], [...(BY_CALLING_CODE.get(dialling[0]) ?? []), dialling]);

/** Whether a length is in a list such as `7,9-10`. */
function isPossibleLength(lengths: string, length: number): boolean {
	return lengths.split(',').some((range) => {
		const [min, max = min] = range.split('-').map(Number);
		return length >= min && length <= max;
	});
}

/**
 * `+` and digits in E.164 as written, when no country sharing its calling code would read it otherwise: not
 * `+44 (0)20…` (a trunk prefix Sakari may drop), not a length none of them has, not `+86 12…` in a country that
 * reads carrier codes.
 */
function internationalE164(digits: string): string | undefined {
	// Calling codes are prefix-free: at most one of these is one.
	const code = [1, 2, 3].map((length) => digits.slice(0, length)).find((prefix) => BY_CALLING_CODE.has(prefix));
	if (code === undefined) return undefined;
	const national = digits.slice(code.length);
	const plans = BY_CALLING_CODE.get(code) ?? [];
	const certain = plans.every(
		([, trunk, lengths, , rule]) =>
			(trunk === '' || !national.startsWith(trunk)) &&
			isPossibleLength(lengths, national.length) &&
			rule !== 'none' &&
			(rule !== 'trunk' || !/^[01]/.test(national)),
	);
	return certain ? `+${digits}` : undefined;
}

const prefixPatterns = new Map<string, RegExp>();
/** The international dialling prefix as a pattern for the start of a number (compiled once). */
function internationalPrefixPattern(prefix: string): RegExp {
	let pattern = prefixPatterns.get(prefix);
	if (!pattern) {
		pattern = new RegExp(`^(?:${prefix})`);
		prefixPatterns.set(prefix, pattern);
	}
	return pattern;
}

/**
 * A mobile number as typed, with its country, in the E.164 form Sakari answers with; undefined when that form
 * is not certain without Sakari's own number rules: a US number without its area code, one written with the
 * international dialling prefix (`00…`, `011…`) or the calling code without `+`, `+44 (0)…`, or a national
 * number of a country with local dialling rules.
 */
export function e164Of(number: string, country: string): string | undefined {
	const digits = number.replace(/\D/g, '');
	if (number.trim().startsWith('+')) return internationalE164(digits);
	const dialling = DIALLING[country];
	if (!dialling) return undefined;
	const [code, trunk, lengths, internationalPrefix, rule] = dialling;
	if (digits.startsWith('00') || internationalPrefixPattern(internationalPrefix).test(digits)) return undefined;
	// North America: ten digits (area code first), with or without the trunk 1; a 7-digit local number has no area code.
	if (code === '1') {
		const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
		return /^[2-9]\d{9}$/.test(national) ? `+1${national}` : undefined;
	}
	const withTrunk = trunk !== '' && digits.startsWith(trunk);
	if (rule === 'none' || (rule === 'trunk' && !withTrunk)) return undefined;
	const national = withTrunk ? digits.slice(trunk.length) : digits;
	// A number too short without its trunk prefix keeps it (`800…` in Russia, whose trunk prefix is 8).
	if (withTrunk && !isPossibleLength(lengths, national.length)) return undefined;
	if (!withTrunk && national.startsWith(code)) return undefined;
	return `+${code}${national}`;
}
