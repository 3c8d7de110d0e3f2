# Clientele — português do Brasil.

## Moldura de todas as páginas

skip-to-content = Pular para o conteúdo
nav-accounts = Contas
switcher-choose = Escolha uma conta
switcher-title = Trocar de conta
switcher-none = Você ainda não faz parte de nenhuma conta.
switcher-all = Todas as contas
account-kind-group = Grupo
account-kind-client = Cliente
sign-out = Sair
nav-group-console = Console do grupo
nav-clients = Clientes
nav-email-problems = Problemas de e-mail
impersonation-banner = Você está conectado como { $name } no cliente { $client }.
impersonation-return = Voltar ao console
language-label = Idioma
language-change = Mudar

## Papéis

role-owner = Proprietário
role-admin = Administrador
role-seller = Vendedor
role-member = Membro

## Status do cliente

status-active = Ativo
status-trial = Em teste
status-preparation = Em preparação
status-trial_end = Teste encerrado
status-disabled = Desativado
status-deleted = Excluído
status-deletion-requested = Exclusão pedida
status-deletion-days =
    { $days ->
        [0] excluído ao fim de hoje
        [one] falta 1 dia para ser excluído
       *[other] faltam { $days-text } dias para ser excluído
    }
views-custom = esta lista
views-columns-fit = Cabem cerca de três colunas em uma linha ao lado do nome, da empresa e do status; as outras ficam de fora na tela, nunca no CSV.
views-columns-left = Não mostradas, por falta de espaço em uma linha: { $columns }. Desmarque outra coluna em Colunas para vê-las; o CSV tem todas.
bulk-picked = Marcados:
badge-active =
    { $count ->
        [one] 1 serviço ativo
       *[other] { $count-text } serviços ativos
    }
badge-trial =
    { $count ->
        [one] 1 serviço em teste
       *[other] { $count-text } serviços em teste
    }
badge-ended =
    { $status ->
        [paused] { $service } pausado
        [trial_end] { $service } com teste encerrado
       *[deleted] { $service } excluído
    }
badge-preparation = nenhum serviço em uso ainda
badge-disabled = desativado manualmente

## Formulários

form-required = obrigatório
form-correct-fields =
    { $count ->
        [one] Corrija o campo destacado.
       *[other] Corrija os { $count-text } campos destacados.
    }
form-correct-fields-nothing-saved =
    { $count ->
        [one] Corrija o campo destacado. Nada foi salvo.
       *[other] Corrija os { $count-text } campos destacados. Nada foi salvo.
    }
field-email = E-mail
field-password = Senha
field-password-new = Senha (no mínimo 10 caracteres)
field-password-repeat = Repita a senha
field-first-name = Nome
field-last-name = Sobrenome

## Erros de campo

error-control-characters = Remova deste campo os caracteres de controle invisíveis (como tabulações ou NUL).
error-too-long =
    { $max ->
        [one] Use no máximo 1 caractere.
       *[other] Use no máximo { $max-text } caracteres.
    }
error-too-short = Use no mínimo { $min-text } caracteres.
error-not-valid = Este valor não é válido.
error-email-invalid = Informe um endereço de e-mail válido, como nome@exemplo.com.br.
error-email-too-long = Use no máximo 254 caracteres.
error-enter-email = Informe seu e-mail.
error-enter-an-email = Informe um endereço de e-mail.
error-enter-password = Informe sua senha.
error-password-only-spaces = A senha não pode conter apenas espaços.
error-passwords-differ = As senhas não coincidem.
error-enter-first-name = Informe seu nome.
error-enter-last-name = Informe seu sobrenome.
error-enter-owner-first-name = Informe o nome do proprietário.
error-enter-owner-last-name = Informe o sobrenome do proprietário.
error-enter-owner-email = Informe o e-mail do proprietário.
error-enter-group-name = Informe o nome do grupo.
error-enter-account-name = Informe o nome da conta.
error-enter-address = Informe o endereço.
error-choose-seller = Escolha um vendedor da lista.
error-choose-services = Escolha entre os serviços listados.
error-choose-language = Escolha um idioma da lista.
error-choose-country = Escolha um país da lista.
error-billing-too-many = Informe no máximo { $max-text } endereços.
error-billing-invalid = { $address } não é um endereço de e-mail válido.
error-name-taken = Outro cliente deste grupo já tem este nome.
error-identifier-taken = Outro cliente deste grupo já tem este identificador.
error-custom-id-taken = Outro cliente deste grupo já tem este ID.
error-name-taken-now = Outro cliente deste grupo acabou de ser salvo com este nome.
error-identifier-taken-now = Outro cliente deste grupo acabou de ser salvo com este identificador.
error-custom-id-taken-now = Outro cliente deste grupo acabou de ser salvo com este ID.
error-setup-token-missing = Cole o token de configuração exibido quando o Clientele foi iniciado.
error-setup-token-bad = Este token de configuração não é válido ou expirou. Reinicie o Clientele para gerar um novo link de configuração.
error-service-code-invalid = Use uma letra minúscula seguida de letras minúsculas, dígitos, - ou _ (no máximo 32).
error-service-code-taken = Outro serviço já tem este código.
error-enter-service-name = Informe o nome do serviço.

## Entrar

login-title = Entrar
login-signed-out = Você saiu da sua conta.
login-wrong-credentials = E-mail ou senha incorretos.
login-throttled =
    { $minutes ->
        [one] Muitas tentativas de entrada sem sucesso. Aguarde 1 minuto e tente de novo.
       *[other] Muitas tentativas de entrada sem sucesso. Aguarde { $minutes-text } minutos e tente de novo.
    }
login-forgot = Esqueceu sua senha?
forgot-title = Esqueceu sua senha?
forgot-intro = Informe o e-mail com que você entra. Enviaremos um link para você escolher uma nova senha.
forgot-submit = Enviar o link
forgot-back = Voltar para a entrada
forgot-sent = Se alguma conta usar esse endereço, um link para escolher uma nova senha está a caminho. O link funciona uma única vez, por 1 hora.
reset-title = Escolha uma nova senha
reset-intro = Escolha uma nova senha para { $email }. Todos os navegadores conectados a esta conta serão desconectados, e todos os tokens de API desta conta, revogados.
reset-submit = Definir a nova senha
reset-done = Sua senha foi alterada, todos os navegadores conectados à sua conta foram desconectados e seus tokens de API foram revogados. Entre com a nova senha.
reset-used-title = Este link já foi usado
reset-used-text = Cada link para escolher uma nova senha funciona uma única vez. Se ainda precisar, peça um novo link na página de entrada.
reset-expired-title = Este link expirou
reset-expired-text = Os links para escolher uma nova senha funcionam por 1 hora. Peça um novo na página de entrada.
reset-unknown-text = Este link não é válido. Verifique se você o copiou inteiro ou peça um novo na página de entrada.
nav-profile = Seu perfil
profile-title = Seu perfil
profile-details = Nome e idioma
profile-language = Idioma
profile-language-hint = O console e os e-mails que você recebe usam este idioma.
profile-session-language = Esta sessão está em { $session }, como você escolheu ao entrar; seu idioma padrão é { $default }.
profile-session-language-keep = Tornar { $language } meu padrão
profile-save = Salvar
profile-saved = Seu perfil foi salvo.
profile-password = Senha
profile-password-intro = Ao alterar a senha, você é desconectado de todos os outros navegadores.
profile-password-revoke-tokens =
    { $count ->
        [one] Revogar também meu token de API (scripts que o usam param de funcionar)
       *[other] Revogar também meus { $count-text } tokens de API (scripts que os usam param de funcionar)
    }
profile-password-revoke-tokens-hint = Desmarcado, seus scripts continuam funcionando. Marque se mais alguém pode ter conhecido sua senha.
field-password-current = Senha atual
error-current-password = Esta não é a sua senha atual.
profile-password-submit = Alterar senha
profile-password-changed = Sua senha foi alterada. Todos os outros navegadores conectados à sua conta foram desconectados.
profile-sessions = Navegadores conectados
profile-sessions-intro = Perdeu um aparelho ou entrou em um computador compartilhado? Saia de todos os navegadores de uma vez, inclusive deste.
profile-sign-out-everywhere = Sair de todos os lugares
profile-sign-out-everywhere-confirm = Todos os navegadores conectados à sua conta serão desconectados, inclusive este.
profile-sign-out-everywhere-tokens =
    { $count ->
        [one] Seu token de API também é revogado.
       *[other] Seus { $count-text } tokens de API também são revogados.
    }
profile-sign-out-everywhere-button = Sair de todos os navegadores
profile-signed-out-everywhere = Você saiu de todos os navegadores.
profile-add-account = Adicionar nova conta
profile-add-account-intro = Crie uma nova conta de grupo sua, com clientes e equipe próprios. Você será o proprietário; suas outras contas continuam como estão.
profile-add-account-nobody = Novas contas de grupo são criadas apenas pelo operador desta instalação. Peça a ele se precisar de uma.
profile-add-account-staff-only = Apenas a equipe de uma conta de grupo pode criar outra aqui. Peça ao operador desta instalação se precisar de uma.
profile-add-account-limit = Você criou { $count } contas de grupo nas últimas 24 horas, o máximo por dia. Tente novamente amanhã.
profile-account-name = Nome da nova conta
profile-add-account-submit = Adicionar conta
profile-account-added = Conta { $name } criada. Você é o proprietário.
login-submit = Entrar

## Configuração inicial

setup-title = Configurar o Clientele
setup-intro = Crie seu grupo (sua empresa) e a conta do proprietário. Você entrará como proprietário.
setup-token-legend = Token de configuração
setup-token-label = Token exibido quando o Clientele foi iniciado
setup-token-from-link = O link de configuração que você abriu traz o token: preencha o resto.
setup-token-hint = Ao iniciar, o Clientele escreveu um link abaixo de “Clientele is not set up yet” (na saída ou no log do serviço: journalctl -u clientele). Abra esse link ou cole aqui o token do final.
setup-group-legend = Grupo
setup-group-name = Nome do grupo
setup-owner-legend = Proprietário
setup-submit = Criar grupo e entrar
setup-welcome = Boas-vindas ao Clientele. O grupo { $group } está pronto.

## Ativação do proprietário

activate-title = Defina sua senha
activate-intro = Você é o proprietário de { $client }. Escolha uma senha para { $email } e ative a conta.
activate-submit = Definir senha e entrar
activate-welcome = Sua senha foi definida. Boas-vindas a { $client }.
activate-used-title = Este link já foi usado
activate-used-text = Sua senha já está definida. Entre com seu e-mail e sua senha.
activate-expired-title = Este link expirou
activate-expired-text = Os links de ativação são válidos por 14 dias. Peça um novo à empresa que gerencia sua conta.
activate-unknown-text = Este link não é válido. Confira se você copiou o endereço inteiro.

## Escolha de conta

accounts-title = Escolha uma conta
accounts-groups = Consoles de grupo
accounts-clients = Contas de cliente
accounts-empty-title = Nenhuma conta ainda
accounts-empty-text = Você não faz parte de nenhuma conta. Peça à pessoa que gerencia sua conta que convide você.

## Lista de clientes

clients-title = Clientes
clients-page-title = Clientes · { $group }
clients-export = Exportar CSV
clients-export-utf8 = CSV (UTF-8)
clients-export-utf8-hint = Para scripts, LibreOffice, Google Planilhas, Excel no Mac
clients-export-excel = CSV para Excel no Windows
clients-export-excel-hint = O mesmo arquivo, marcado como UTF-8 para os acentos abrirem certos
clients-add = Adicionar cliente
clients-empty-title = Nenhum cliente ainda
clients-empty-text = Os clientes que você adicionar aparecem aqui, com status, vendedor e proprietário.
clients-search = Buscar
clients-search-placeholder = Nome, empresa, ID, identificador ou e-mail do proprietário
clients-filter-status = Status
clients-filter-all-statuses = Todos os status
clients-filter-seller = Vendedor
clients-filter-all-sellers = Todos os vendedores
clients-filter-my-clients = Meus clientes
clients-filter-no-seller = Sem vendedor
clients-filter-test = Contas de teste
clients-filter-test-hidden = Sem contas de teste
clients-filter-test-only = Só contas de teste
clients-filter-test-shown = Com contas de teste
clients-filter-apply = Aplicar
clients-filter-clear = Limpar filtros
clients-no-match-title = Nenhum cliente corresponde a estes filtros
clients-no-match-text = Tente outra busca ou outro status, ou limpe os filtros.
clients-caption = Clientes de { $group }, { $first-text } a { $last-text } de { $total-text }
clients-col-name = Nome da conta
clients-col-company = Empresa
clients-col-status = Status
clients-col-seller = Vendedor
clients-col-owner = Proprietário
clients-col-created = Criado em
clients-test-badge = Teste
yes = Sim
no = Não
owner-none = sem proprietário
owner-none-invite = Convidar
owner-none-invite-label = Convidar um novo proprietário para { $client }
owner-pending-days =
    { $days ->
        [0] proprietário pendente, expira hoje
        [one] proprietário pendente, expira em 1 dia
       *[other] proprietário pendente, expira em { $days-text } dias
    }
pager-range = { $first-text }–{ $last-text } de { $total-text }
pager-previous = Anterior
pager-next = Próxima
pager-page = Página { $page-text } de { $pages-text }
pager-label = Páginas
pager-first = Primeira
pager-last = Última
pager-range-more = { $first-text }–{ $last-text } de { $total-text }+
pager-page-open = Página { $page-text }
pager-goto = Página { $page-text }
clients-caption-more = Clientes de { $group }, { $first-text } a { $last-text } de mais de { $total-text }

## Formulário do cliente

client-add-title = Adicionar cliente
client-edit-title = { $client } · Editar cliente
client-tab-edit = Editar cliente
client-status = Status: { $status }
client-status-deletion-link = O que acontece a seguir
client-section-main = Configurações principais
client-section-address = Endereço
client-section-owner = Proprietário da conta
client-field-account_name = Nome da conta
client-field-company_name = Razão social
client-field-unique_identifier = Identificador único (CNPJ ou equivalente)
client-field-billing_emails = E-mails de cobrança
client-field-active = Cliente ativo
client-field-custom_id = Nome no seu sistema
client-field-seller_id = Vendedor
client-field-test_account = Conta de teste
client-field-language = Idioma dos e-mails automáticos
client-field-country = País
client-field-region = Estado
client-field-city = Cidade
client-field-address = Endereço
client-field-postal_code = CEP
client-billing-hint = Até 10 endereços, separados por vírgulas ou quebras de linha.
client-active-hint = Se desmarcado, o cliente fica desativado.
client-test-hint = Fica fora da lista de clientes, a não ser que as contas de teste estejam visíveis.
client-no-seller = Sem vendedor
client-choose-country = Escolha um país
client-owner-password = Senha de acesso (opcional)
client-owner-hint = Deixe a senha em branco para enviar ao proprietário, por e-mail, um link para configurar o acesso (válido por 14 dias). Se o endereço já tiver uma conta no Clientele, o proprietário é convidado a aceitar, e uma senha digitada aqui não é usada.
client-section-services = Serviços
client-services-hint = Predefinidos conforme a visibilidade de serviços do seu grupo. Deixe-os como estão e este cliente segue as configurações do grupo; mude algum e a visibilidade dele passa a ser própria desde o início (a aba Serviços dele pode redefini-la).
client-create = Criar cliente
client-save = Salvar alterações
client-cancel = Cancelar
client-owner-pending = Proprietário pendente
client-owner-link-expires =
    { $days ->
        [0] o link expira hoje
        [one] o link expira em 1 dia
       *[other] o link expira em { $days-text } dias
    }
client-owner-resend = Reenviar o link ao proprietário
client-owner-none = Sem proprietário: ninguém é proprietário deste cliente.
client-owner-invite-title = Convidar um novo proprietário
client-owner-invite-hint = A pessoa recebe por e-mail o convite de proprietário, válido por 14 dias, com um lembrete no dia 11. Se o endereço já tiver uma conta no Clientele, ela aceita depois de entrar. Ao aceitar, passa a ser a proprietária.
client-owner-invite-send = Enviar o convite
client-owner-invited = O convite de proprietário foi enviado para { $email }.
client-owner-exists = Este cliente tem proprietário, ou já há um convidado: nada foi enviado.
client-stale-heading = Outra pessoa salvou este cliente enquanto você o editava. Nada foi sobrescrito.
client-stale-text = O formulário abaixo já traz as alterações dela, exceto nos campos que você também mudou: nesses fica a sua versão. Confira esses campos e salve de novo.
client-stale-field = Campo
client-stale-saved = Salvo agora
client-stale-yours = Sua versão
client-stale-not-yours = você não alterou: o formulário mostra o valor salvo
client-created = Cliente { $client } criado. Ele aparece com “proprietário pendente” até o proprietário entrar.
client-created-activation = Cliente { $client } criado. O proprietário recebeu um link por e-mail; o cliente aparece com “proprietário pendente” até que ele o use.
client-saved = Alterações salvas.
client-unchanged = Nada a salvar: nenhum campo foi alterado.
client-resent = Um novo link foi enviado para { $email }. O link anterior não funciona mais.
client-nothing-to-resend = O proprietário não está mais pendente: nada foi enviado.
client-resend-too-soon = Um link foi enviado ao proprietário há menos de um minuto. Aguarde um minuto antes de enviar outro.
## Problemas de e-mail

emails-title = Problemas de e-mail
emails-page-title = Problemas de e-mail · { $group }
emails-intro = E-mails que ainda não puderam ser entregues. O Clientele tenta cada um por 24 horas (depois de 1 minuto, dobrando o intervalo até uma vez por hora); depois desiste e o mantém aqui com o erro.
emails-empty-title = Nenhum problema de e-mail
emails-empty-text = Todos os e-mails de { $group } foram entregues ou estão a caminho.
emails-caption = E-mails não entregues
emails-col-recipient = Destinatário
emails-col-kind = E-mail
emails-kind-test = E-mail de teste
emails-kind-owner = O link do proprietário para uma nova conta de cliente
emails-kind-invitation = Convite
emails-kind-address = Troca do endereço de acesso
emails-kind-password = Redefinição de senha
emails-kind-other = E-mail
emails-col-state = Situação
emails-col-attempts = Tentativas
emails-col-error = Último erro
emails-col-action = Ação
emails-queued = Na fila desde { $when }
emails-given-up = Sem novas tentativas
emails-retrying = Tentando de novo
emails-given-up-at = Tentativas encerradas em { $when }
emails-next-attempt = Próxima tentativa em { $when }
emails-retry = Tentar agora
emails-retried = O e-mail para { $email } será enviado de novo em até um minuto.


## Configurações do revendedor

nav-settings = Configurações
settings-title = Configurações do revendedor
settings-page-title = Configurações do revendedor · { $group }
settings-visibility-legend = Visibilidade global dos serviços
settings-visibility-hint = Os clientes seguem estas opções até que a visibilidade de cada um seja personalizada na aba Serviços.
settings-visible = visível para os clientes
settings-notifications-legend = Pedidos de exclusão
settings-notify = Avisar por e-mail os endereços abaixo quando um cliente pedir a exclusão da conta
settings-recipients = Destinatários
settings-recipients-hint = Até 10 endereços, separados por vírgulas ou quebras de linha.
settings-save = Salvar configurações
settings-saved = Configurações salvas.
settings-confirm-title = Confira antes de salvar: nada foi salvo ainda.
settings-confirm-services = A visibilidade destes serviços muda: { $services }.
settings-reach-inheriting =
    { $count ->
        [0] Nenhum cliente segue as opções do grupo, então nenhum cliente muda.
        [one] 1 cliente segue as opções do grupo e vai mudar.
       *[other] { $count-text } clientes seguem as opções do grupo e vão mudar.
    }
settings-reach-customised =
    { $count ->
        [0] Nenhum cliente tem visibilidade própria.
        [one] 1 cliente tem visibilidade própria e vai mantê-la.
       *[other] { $count-text } clientes têm visibilidade própria e vão mantê-la.
    }
settings-confirm = Salvar e aplicar


## Aba Serviços

client-tab-services = Serviços
services-title = { $client } · Serviços
services-inherits = Este cliente segue a visibilidade de serviços do grupo (configurações do revendedor).
services-customised = Este cliente tem visibilidade de serviços própria: as opções do grupo não a alteram mais.
services-reset = Voltar ao padrão do grupo
services-col-service = Serviço
services-col-visibility = Visibilidade
services-col-status = Status
services-visible-inherited = visível (padrão do grupo)
services-hidden-inherited = oculto (padrão do grupo)
services-visible-own = visível (personalizado)
services-hidden-own = oculto (personalizado)
services-show = Mostrar
services-hide = Ocultar
services-not-activated = não ativado
services-activate = Ativar serviço
services-change-status = Mudar status
services-hidden-note = oculto: mostre o serviço para ativá-lo
services-confirm-hide = { $service } está em uso. Ocultar do cliente mesmo assim?
services-confirm-hide-button = Ocultar mesmo assim
services-history = Histórico de status
services-history-empty = Nenhuma mudança de status ainda.
services-visibility-saved = Visibilidade salva.
services-reset-saved = O cliente voltou a seguir a visibilidade de serviços do grupo.
services-status-saved = Status salvo.
service-hidden = Um serviço oculto não pode ser ativado. Mostre-o primeiro.
error-choose-status = Escolha um status da lista.
service-status-trial = Em teste
service-status-active = Ativo
service-status-paused = Pausado
service-status-trial_end = Teste encerrado
service-status-deleted = Excluído

## Área do cliente

portal-eyebrow = Conta de cliente
portal-account-name = Nome da conta
portal-company = Empresa
portal-status = Status
portal-owner = Proprietário da conta
portal-role = Sua função
portal-nav-home = Visão geral
portal-services-empty-title = Nenhum serviço ainda
portal-services-empty-text = A empresa que gerencia sua conta ainda não disponibilizou nenhum serviço para você.
portal-services-read-only = O status dos seus serviços é definido pela empresa que gerencia sua conta.
portal-nav-account = Conta
portal-account-title = Dados da conta
portal-account-kept = Mantidos pela empresa que administra sua conta
portal-custom-id = Sua referência de cliente
portal-account-kept-hint = Estes dados são definidos pela empresa que administra sua conta. Peça a ela para alterá-los.
portal-account-read-only = Você pode ver estes dados; para alterá-los é preciso a permissão de conta.
portal-account-stale = Outra pessoa salvou estes dados enquanto você os editava. Nada do que você digitou foi salvo: o formulário agora mostra o que está gravado. Faça sua alteração de novo.
portal-services-heading = Seus serviços
disabled-title = Esta conta está desativada
disabled-text = { $group } desativou a conta de cliente { $client }, então as páginas dela estão fechadas por enquanto. Suas outras contas continuam funcionando.
disabled-contact-person = Para voltar a usá-la, fale com { $name } ({ $email }).
disabled-contact-group = Para voltar a usá-la, fale com { $group }.
disabled-other-accounts = Suas outras contas

## Páginas de erro

error-go-home = Ir para a página inicial
dead-link-sign-in = Entrar
error-reference = Referência para o suporte: { $id }
error-not-found-title = Página não encontrada
error-not-found-text = Não há nada aqui, ou você não tem acesso.
error-forbidden-title = Acesso negado
error-forbidden-text = Você não tem permissão para fazer isso.
error-invalid-title = Confira o que foi enviado
error-invalid-text = Parte do que foi enviado não é válida, então nada foi alterado.
error-conflict-title = Isto mudou nesse meio-tempo
error-conflict-text = Alguém alterou isto enquanto você trabalhava, então nada foi alterado. Recarregue a página e tente de novo.
error-csrf-title = Formulário expirado
error-csrf-text = Este formulário estava desatualizado ou não veio do Clientele, então nada foi alterado. Volte, recarregue a página e tente de novo.
error-sign-in-title = É preciso entrar
error-sign-in-text = Entre na sua conta.
error-bad-request-title = Requisição inválida
error-bad-request-text = Não foi possível entender a requisição.
error-unavailable-title = Temporariamente indisponível
error-unavailable-text = O banco de dados não está respondendo agora. Tente de novo em instantes.
error-internal-title = Algo deu errado
error-internal-text = Ocorreu um erro inesperado, que já foi registrado. Tente de novo.
error-method-title = Não permitido aqui
error-method-text = Este endereço não atende a esse tipo de requisição. Use os links e botões do console.
error-too-large-title = Conteúdo grande demais
error-too-large-text = O que foi enviado é maior do que o console aceita, então nada foi alterado. Reduza o conteúdo e tente de novo.

## E-mails

email-footer = Este e-mail foi enviado pelo Clientele. Por favor, não responda.
email-test-subject = E-mail de teste do Clientele
email-test-heading = O envio de e-mails funciona
email-test-body = Este é um e-mail de teste do Clientele. Se você consegue lê-lo, as configurações de e-mail estão corretas.
email-test-sent-to = Enviado para
email-test-button = Abrir o Clientele
email-owner-subject = Sua conta de cliente { $client } no Clientele
email-activation-greeting = Olá { $name },
email-activation-created = { $group } criou uma conta de cliente para você no Clientele: { $client }.
email-activation-action = Defina sua senha para ativá-la e entrar.
email-activation-button = Definir minha senha
email-activation-expiry = Este link funciona uma única vez e expira em 14 dias.
email-activation-ignore = Se você não esperava este e-mail, pode ignorá-lo.
email-owner-invitation-body = { $group } indicou você como proprietário de uma conta de cliente no Clientele: { $client }.
email-owner-invitation-action = Abra o convite para aceitá-lo. Se você já usa o Clientele, entre como de costume; caso contrário, escolha sua senha lá.
email-owner-invitation-action-preset = Abra o convite para aceitá-lo. Se você já usa o Clientele, entre como de costume; caso contrário, confirme seu endereço lá e entre com a senha que { $group } passou a você.
email-owner-reminder-subject = Lembrete: sua conta de cliente { $client } no Clientele
email-owner-reminder-body = { $group } indicou você como proprietário de uma conta de cliente no Clientele: { $client }. O convite ainda espera por você e expira em { $date }.
email-owner-reminder-either = Este link e o do nosso e-mail anterior abrem o mesmo convite: qualquer um deles funciona uma única vez, até essa data.
email-invitation-subject = Você foi convidado para { $account } no Clientele
email-invitation-greeting = Olá,
email-invitation-body =
    { $role ->
        [owner] { $inviter } indicou você como proprietário da conta de cliente { $account } no Clientele.
       *[other] { $inviter } convidou você para participar de { $account } no Clientele como { $role_name }.
    }
email-invitation-permissions = Com ele você poderá usar: { $permissions }.
email-invitation-action = Abra o convite para aceitá-lo ou recusá-lo. Se você já usa o Clientele, entrará como de costume; caso contrário, escolherá seu nome e uma senha.
email-invitation-button = Abrir o convite
email-invitation-expiry = Este link funciona uma única vez e expira em 7 dias.
email-invitation-ignore = Se você não esperava este convite, pode ignorar este e-mail.
email-reset-subject = Escolha uma nova senha do Clientele
email-reset-body = Alguém pediu para redefinir a senha da sua conta do Clientele. Escolha uma nova pelo link abaixo; todos os navegadores conectados à sua conta serão desconectados.
email-reset-button = Escolher uma nova senha
email-reset-expiry = Este link funciona uma única vez e expira em 1 hora.
email-reset-ignore = Se você não pediu isso, ignore este e-mail: sua senha continua a mesma.
email-changed-subject = O seu endereço de e-mail do Clientele foi alterado
email-changed-body = O endereço de e-mail da sua conta do Clientele foi alterado para { $email }. De agora em diante, entre com o novo endereço.
email-changed-sessions = Todos os navegadores conectados à sua conta foram desconectados.
email-changed-not-you = Se você não esperava esta alteração, fale com quem administra a sua conta.
client-tab-users = Usuários
client-users-title = Usuários de { $client }
client-users-intro = Os usuários do próprio cliente. Edite aqui o nome, o e-mail, o idioma ou a função de uma pessoa; os proprietários e administradores do cliente convidam pessoas pela área do cliente.
client-user-edit = Editar
client-user-title = Editar { $name }
client-user-person = Pessoa
client-user-saved = Alterações salvas.
client-user-email-changed = O endereço agora é { $email }, e um novo link foi enviado para ele.
client-user-email-confirm = Enviamos um e-mail para { $old } para confirmar a troca por { $new }. Até a confirmação, a pessoa continua entrando com { $old }.
client-user-email-pending = Uma troca de endereço para { $email } aguarda a confirmação desta pessoa.
client-user-email-hint = A pessoa confirma um novo endereço a partir do atual; depois, todos os navegadores dela são desconectados e o endereço antigo é avisado.
client-user-email-hint-pending = Um novo endereço vale na hora: um novo link vai para ele, e o antigo deixa de funcionar.
client-user-owner-hint = O proprietário continua sendo o proprietário até transferir a propriedade para um administrador pela área do cliente.
client-invited-owner-hint = O proprietário com que o cliente foi criado ainda não aceitou. Corrija aqui o nome ou o endereço: um novo endereço recebe um novo link, válido por 14 dias, e o link antigo deixa de funcionar.
client-users-deleted = Este cliente foi excluído: os usuários dele ficam como estavam e não podem ser alterados.
email-change-subject = Confirme seu novo endereço de acesso ao Clientele
email-change-body = { $group } pediu para trocar o endereço com que você entra no Clientele para { $email }.
email-change-action = Se estiver certo, aprove com o botão abaixo. Enviaremos então um link para o novo endereço: abri-lo lá conclui a troca, desconecta todos os navegadores da sua conta e, a partir daí, você entra com o novo endereço.
email-change-button = Aprovar a troca
email-change-expiry = Este link funciona uma única vez e expira em 3 dias.
email-change-ignore = Se você não esperava isto, ignore este e-mail: seu endereço continua o mesmo.
email-change-title = Aprove a troca do seu endereço
email-change-intro = Quem administra uma das suas contas pediu para trocar seu endereço de acesso de { $old } para { $new }. Aprove e depois abra o link que enviaremos para { $new } para concluir.
email-change-submit = Aprovar e enviar o link
email-change-done = Seu endereço de acesso agora é { $email }. Entre com ele.
email-change-taken = { $email } já tem uma conta própria no Clientele, então não pode virar o endereço de outra. Nada foi alterado.
email-change-used-title = Este link já foi usado
email-change-used-text = Este link já foi usado ou foi substituído por um mais recente.
email-change-expired-title = Este link expirou
email-change-expired-text = Os links de uma troca de endereço funcionam por 3 dias. Peça a quem administra sua conta para alterá-lo de novo.
email-change-unknown-text = Este link não é válido. Verifique se você o copiou inteiro.
email-change-approved = Enviamos um link para { $email }. Abra-o nessa caixa de correio para concluir a troca; até lá, você entra com o endereço atual.
email-confirm-title = Confirme seu novo endereço
email-confirm-intro = Confirme { $new } como o endereço com que você entra no Clientele. Todos os navegadores conectados à sua conta serão desconectados.
email-confirm-submit = Confirmar este endereço
email-address-confirm-subject = Confirme seu novo endereço de acesso ao Clientele
email-address-confirm-body = Você aprovou este endereço como aquele com que entra no Clientele. Confirme-o com o botão abaixo para concluir a troca.
email-address-confirm-button = Confirmar este endereço
email-address-confirm-ignore = Se você não pediu isto, ignore este e-mail: nada muda.

## Pessoas, convites

nav-staff = Equipe
portal-nav-users = Usuários
staff-title = Equipe
people-title = Usuários
people-col-name = Nome
people-col-email = E-mail
people-col-role = Função
people-col-since = Membro desde
people-col-actions = Ações
people-col-sent = Enviado
people-col-expires = Expira
people-col-state = Situação
people-not-activated = ainda não ativado
people-change = Alterar
people-change-named = Alterar { $name }
people-sign-in = Acesso
people-save = Salvar alterações
people-remove = Remover
people-remove-confirm = Remover { $name } de { $account }? As outras contas dessa pessoa não são afetadas.
people-remove-button = Remover acesso
people-transfer = Transferir a propriedade
people-transfer-confirm = Tornar { $name } proprietário de { $account }? Você passará a ser administrador.
people-transfer-button = Transferir a propriedade
people-permissions = Permissões
people-permissions-admin-hint = Administradores e o proprietário têm todas as permissões.
people-access-all = Todas as permissões
people-access-chosen = Somente estas:
people-invitations = Convites
people-invitations-empty = Nenhum convite pendente ou não aceito nos últimos 30 dias; os aceitos aparecem acima, como pessoas.
people-invite = Convidar alguém
people-invite-button = Enviar convite
people-invite-not-in-support = Convites não são enviados durante o acesso de suporte: nada feito com a sessão de um usuário do cliente pode dar acesso a alguém. Quem convida são os próprios usuários do cliente.
people-resend = Reenviar
people-revoke = Revogar
permission-account = Dados e endereço
permission-services = Serviços
permission-users = Usuários
permission-billing = E-mails de cobrança
permission-none = nenhuma permissão
invitation-state-pending = Pendente
invitation-state-accepted = Aceito
invitation-state-declined = Recusado
invitation-state-revoked = Revogado
invitation-state-expired = Expirado
invitation-sent = Convite enviado para { $email }.
invitation-resent = Um novo link de convite foi enviado para { $email }; o link anterior não funciona mais.
invitation-revoked = O convite de { $email } foi revogado.
invitation-resend-wait = Este convite foi enviado há menos de um minuto. Aguarde um pouco antes de enviá-lo novamente.
invitation-closed-flash = Este convite não está mais aberto.
person-changed = A função e as permissões de { $name } foram salvas.
person-role-changed = A função de { $name } foi salva.
person-removed = { $name } não tem mais acesso.
people-locked =
    { $minutes ->
        [one] bloqueado por mais 1 minuto
       *[other] bloqueado por mais { $minutes-text } minutos
    }
people-unlock = Desbloquear acesso
person-unlocked = { $name } já pode tentar entrar de novo. As falhas anteriores continuam contando: a próxima senha errada bloqueia por mais tempo.
unlock-elsewhere = Essa pessoa também faz parte de outras contas, que o bloqueio também protege: ele não pode ser retirado daqui. Ele termina sozinho depois do tempo indicado.
ownership-transferred = { $name } agora é o proprietário. Você é administrador.
ownership-to-admin = A propriedade só pode ir para um administrador. Torne a pessoa administradora primeiro.
error-choose-role = Escolha uma das funções oferecidas.
error-permissions-beyond-yours = Você só pode conceder permissões que você mesmo tem.
error-invite-member = Esta pessoa já é membro desta conta.
error-invite-pending = Este endereço já tem um convite aberto. Reenvie-o pela lista abaixo.
error-email-taken = Outro usuário tem este endereço de e-mail.
accounts-invitations = Convites para você
access-lost = Você não tem mais acesso a { $account }: foi removido dela, ou ela foi excluída. Estas são as contas que você tem.
header-invitations = Convites
header-invitations-waiting = aguardam a sua resposta
invitation-expires-on = expira em { $date }
invitation-invited-by = Convite de { $name }
invitation-permissions = Com ele você poderá usar:
invitation-title = Convite
invitation-heading = Participar de { $account }
invitation-intro = Este convite foi enviado para { $email }, com a função { $role }.
invitation-accept = Aceitar
invitation-decline = Recusar
invitation-accept-new = Aceitar e criar minha conta
invitation-other-user = Você entrou como { $signed_in }, mas este convite é para { $email }. Saia, abra o link novamente e entre com esse endereço.
invitation-sign-in-first = Você já tem uma conta no Clientele com este endereço. Entre para aceitar o convite.
invitation-sign-in = Entrar para aceitar
invitation-new-user = Escolha seu nome e uma senha para aceitar.
invitation-confirm-user = Confira seu nome e confirme: você entrará com a senha que a empresa que administra sua conta passou a você.
invitation-confirm-submit = Confirmar e entrar
invitation-joined = Boas-vindas a { $account }.
invitation-declined-flash = Você recusou o convite para { $account }.
invitation-accepted-title = Convite já aceito
invitation-accepted-text = Este convite já foi aceito. Entre para abrir a conta.
invitation-declined-title = Convite recusado
invitation-declined-text = Este convite foi recusado. Se foi um engano, peça a quem convidou você que envie um novo.
invitation-revoked-title = Convite retirado
invitation-revoked-text = Este convite foi retirado. Fale com quem convidou você se ainda precisar de acesso.
invitation-expired-title = Convite expirado
invitation-expired-text = Este link de convite expirou. Peça a quem convidou você que o envie novamente.
invitation-unknown-text = Este link de convite não é válido. Se você recebeu um e-mail de convite mais recente, use o link dele.

## Acesso de suporte (personificação)
impersonation-log-in = Entrar
impersonation-section = Acesso de suporte
impersonation-section-hint = Entre como o proprietário deste cliente (ou, sem proprietário, o administrador mais antigo) para ver e fazer o que ele faz. Cada ação é registrada com o seu nome; termina quando você volta ao console, após 30 minutos sem atividade ou após 4 horas.
impersonation-reason = Motivo (opcional)
impersonation-reason-hint = Mostrado ao proprietário e aos administradores do cliente em Acesso de suporte. Até 500 caracteres.
impersonation-log-in-admin = Entrar como o usuário administrador do cliente
impersonation-returned = Você voltou ao console. Sua sessão como { $name } para { $client } terminou.
impersonation-ended-flash = Sua sessão como { $name } para { $client } terminou: { $why }.
impersonation-ended-exit = voltou ao console
impersonation-ended-sign_out = saiu da conta
impersonation-ended-idle = 30 minutos sem atividade
impersonation-ended-lifetime = limite de 4 horas atingido
impersonation-ended-rights_revoked = seu acesso ao grupo foi removido
impersonation-ended-client_closed = o cliente foi desativado ou excluído
impersonation-ended-target_gone = o usuário não é mais proprietário nem administrador do cliente
impersonation-end-exit = voltou ao console
impersonation-end-sign_out = saiu da conta
impersonation-end-idle = 30 minutos sem atividade
impersonation-end-lifetime = limite de 4 horas atingido
impersonation-end-rights_revoked = o acesso ao grupo foi removido
impersonation-end-client_closed = o cliente foi desativado ou excluído
impersonation-end-target_gone = o usuário não é mais proprietário nem administrador do cliente
impersonation-refused-title = Não enquanto você está conectado como usuário de um cliente
impersonation-refused-text = Você está conectado como um dos usuários de um cliente. Senha, endereço de email, verificação em duas etapas, convites, propriedade da conta, exclusão da conta e novas contas cabem a essa pessoa, e daqui não é possível entrar como outro cliente. Volte ao console primeiro.
impersonation-refused-deleted = Este cliente foi excluído: ninguém pode entrar como seus usuários.
impersonation-refused-disabled = Este cliente está desativado: ative-o antes de entrar como seus usuários.
impersonation-refused-no-user = Este cliente ainda não tem proprietário nem administrador que possa entrar (um convite pode estar pendente).
impersonation-refused-self = Você mesmo é proprietário ou administrador deste cliente: abra a área do cliente pelas suas contas.
impersonation-profile-read-only = Este é o perfil da pessoa como quem você está conectado. Nome, idioma, senha e acesso cabem a ela: nada aqui pode ser alterado em nome dela.
login-signed-out-support = Você saiu, e sua sessão como usuário de um cliente também terminou.
clients-col-actions = Ações
clients-open-id = Abrir o cliente { $id }
clients-edit = Editar
client-tab-history = Histórico
nav-activity = Atividade
portal-nav-support = Acesso de suporte

## Registros de auditoria
history-title = Histórico · { $client }
activity-title = Atividade
activity-filter-client = Cliente
activity-filter-person = Pessoa
activity-filter-person-placeholder = Nome ou email
activity-filter-action = Ação
activity-filter-all-actions = Todas as ações
activity-filter-from = De
activity-filter-to = Até
activity-date-unreadable = Não é uma data (use AAAA-MM-DD); ignorada.
activity-no-match-title = Nada corresponde a estes filtros
activity-no-match-text = Altere ou limpe os filtros para ver mais.
activity-empty-title = Nada registrado ainda
activity-empty-text = Cada alteração é registrada aqui: quem fez, quando e os campos alterados.
activity-caption = Alterações registradas, das mais recentes para as mais antigas
activity-col-when = Quando
activity-col-who = Quem
activity-col-client = Cliente
activity-col-action = Ação
activity-col-changes = Alterações
activity-who-as = { $who } (como { $as })
activity-page = Página { $page-text }
audit-by-scheduler = Agendador
audit-by-command-line = Linha de comando
audit-field-status = Status de { $service }
audit-field-visible = { $service } visível
audit-field-language = Idioma
audit-field-role = Função
audit-field-owner = Proprietário
audit-field-user = Usuário
audit-field-as-user = Conectado como
audit-field-reason = Motivo
audit-field-ended-by = Término
audit-field-services-customised = Visibilidade própria dos serviços
audit-field-name = Nome
audit-field-code = Código
audit-field-kind = Tipo
audit-action-client-created = Cliente adicionado
audit-action-client-updated = Cliente editado
audit-action-client-services-visibility = Visibilidade de serviços alterada
audit-action-service-status-changed = Status de serviço alterado
audit-action-service-added = Serviço adicionado ao catálogo
audit-action-owner-changed = Proprietário alterado
audit-action-owner-invited = Novo proprietário convidado
audit-action-owner-activated = Proprietário ativou a conta
audit-action-owner-activation-resent = Link de ativação reenviado
audit-action-owner-activation-expired = Ativação do proprietário expirou
audit-action-owner-activation-reminded = Lembrete enviado ao proprietário
audit-action-invitation-sent = Convite enviado
audit-action-invitation-resent = Convite reenviado
audit-action-invitation-revoked = Convite revogado
audit-action-invitation-accepted = Convite aceito
audit-action-invitation-declined = Convite recusado
audit-action-invitation-expired = Convite expirado
audit-action-member-changed = Função ou permissões do usuário alteradas
audit-action-member-removed = Usuário removido
audit-action-ownership-transferred = Propriedade transferida
audit-action-user-changed = Usuário editado
audit-action-user-email-change-requested = Troca de email solicitada
audit-action-user-email-change-approved = Troca de email aprovada
audit-action-user-email-changed = Email alterado
audit-action-user-password-changed = Senha alterada
audit-action-user-password-reset = Senha redefinida
audit-action-user-profile-changed = Perfil editado
audit-action-user-signed-out-everywhere = Saiu de todos os lugares
audit-action-user-unlocked = Acesso desbloqueado
audit-action-group-created = Grupo criado
audit-action-group-settings-updated = Configurações do fornecedor alteradas
audit-action-email-retried = Email reenviado
audit-action-impersonation-started = Acesso de suporte iniciado
audit-action-impersonation-ended = Acesso de suporte encerrado
audit-action-impersonation-refused = Recusado durante o acesso de suporte

## Lista de acesso de suporte (área do cliente)
support-title = Acesso de suporte
support-intro = Quando alguém da equipe do seu fornecedor entra como um dos seus usuários para ajudar, isso aparece aqui: quem, quando, por quanto tempo e por quê. Tudo o que fizer também fica registrado com o nome dessa pessoa.
support-empty-title = Ninguém usou o acesso de suporte
support-empty-text = Quando a equipe do seu fornecedor entrar como um dos seus usuários, isso aparecerá aqui.
support-col-who = Quem
support-col-when = Quando
support-col-duration = Duração
support-col-reason = Motivo
support-as = conectado como { $name }
support-no-reason = nenhum motivo informado
support-ongoing = em andamento
support-minutes =
    { $minutes ->
        [0] menos de um minuto
        [one] 1 minuto
       *[other] { $minutes-text } minutos
    }

## Exclusão
email-deletion-requested-subject = { $client } pediu a exclusão da conta
email-deletion-requested-body = O proprietário de { $client } pediu a exclusão da conta de cliente. Os serviços foram interrompidos na hora.
email-deletion-requested-due = A conta será excluída em { $date }, a menos que você cancele o pedido antes disso.
email-deletion-requested-button = Abrir o pedido
email-deletion-cancelled-subject = A exclusão de { $client } foi cancelada
email-deletion-cancelled-body = { $group } cancelou o pedido de exclusão da conta { $client }. Os serviços voltaram a ser como eram.
email-client-deleted-subject = A conta { $client } foi excluída
email-client-deleted-body = A conta de cliente { $client } em { $group } foi excluída. Os usuários não podem mais abri-la.
emails-kind-deletion = Exclusão de conta
portal-nav-deletion = Excluir conta
deletion-portal-title = Excluir conta
deletion-scheduled =
    Exclusão agendada para { $date } ({ $days ->
        [0] último dia
        [one] falta 1 dia
       *[other] faltam { $days-text } dias
    }).
deletion-scheduled-help = Os serviços estão interrompidos. A empresa que gerencia sua conta ainda pode cancelar o pedido.
deletion-what-happens = O que acontece
deletion-what-happens-text = Todos os serviços da conta param na hora. A empresa que gerencia sua conta tem 10 dias para cancelar o pedido; depois disso a conta é excluída e os usuários não podem mais abri-la.
deletion-nothing-running = Nenhum serviço está em execução: nada para agora.
deletion-services-stop = Estes serviços param agora:
deletion-not-on-behalf = Só o proprietário da conta pode pedir a exclusão, conectado como ele mesmo.
deletion-confirm-label = Entendo que os serviços param agora e que a conta será excluída em 10 dias.
deletion-confirm-tick = Marque a caixa para confirmar.
deletion-request-button = Pedir a exclusão desta conta
deletion-already-open = Já existe um pedido de exclusão aberto para esta conta.
deletion-tab-title = Excluir cliente · { $client }
client-tab-deletion = Excluir cliente
deletion-client-deleted = Este cliente foi excluído em { $date }. O registro e o histórico são mantidos, somente leitura.
deletion-open-heading = Exclusão pedida
deletion-requested-by = Pedido por
deletion-requested-on = Pedido em
deletion-due-on = Data da exclusão
deletion-days-left =
    { $days ->
        [0] último dia
        [one] falta 1 dia
       *[other] faltam { $days-text } dias
    }
deletion-note = Nota
deletion-note-hint = Por que o pedido é cancelado; fica no histórico abaixo.
deletion-cancel-button = Cancelar o pedido de exclusão
deletion-delete-heading = Excluir conta
deletion-delete-text = Excluir a conta é definitivo: os usuários perdem o acesso a ela (as outras contas deles continuam), os serviços ficam marcados como excluídos e os convites pendentes são revogados. O registro e o histórico são mantidos.
deletion-goes-users = Usuários que perdem o acesso
deletion-goes-services = Serviços
deletion-goes-invitations = Convites pendentes
deletion-goes-none = Nenhum.
deletion-type-name = Digite o nome da conta ({ $client }) para confirmar
deletion-delete-button = Excluir conta
deletion-history-heading = Pedidos de exclusão
deletion-history-empty = Nenhuma exclusão foi pedida.
deletion-col-requested = Pedido
deletion-col-outcome = Resultado
deletion-col-note = Nota
deletion-outcome-open = Aberto
deletion-outcome-cancelled = Cancelado
deletion-outcome-deleted = Excluído
deletion-outcome-deleted-by-staff = Excluído pela equipe sem pedido
deletion-someone = alguém
deletion-note-required = Escreva por que o pedido é cancelado.
deletion-note-too-long = No máximo 1.000 caracteres.
deletion-confirm-wrong = Digite o nome da conta exatamente como mostrado.
deletion-cancelled-flash = Pedido de exclusão cancelado. Os serviços voltaram a ser como eram.
deletion-none-open = Não há pedido de exclusão aberto.
deletion-deleted-flash = { $client } foi excluído.
deletion-already-deleted = Este cliente já foi excluído.
deletion-read-only = Este cliente foi excluído: o registro é mantido, somente leitura.
audit-action-deletion-requested = Exclusão pedida
audit-action-deletion-cancelled = Pedido de exclusão cancelado
audit-action-client-deleted = Cliente excluído
audit-field-due = Data da exclusão
audit-field-note = Nota
audit-field-users = Usuários
audit-field-invitations = Convites
audit-field-attempt = Tentativa
audit-field-client-status = Status
clients-filter-deletion = Exclusão
clients-filter-deletion-any = Exclusão: todas
clients-filter-deletion-requested = Exclusão pedida

## Verificação em duas etapas (perfil, entrada, equipe, configurações)
profile-two-step = Verificação em duas etapas
profile-two-step-on = Ativada: a entrada pede um código do seu aplicativo autenticador depois da senha.
profile-two-step-off = Desativada: a entrada pede só a sua senha.
profile-two-step-manage = Gerenciar a verificação em duas etapas
two-step-title = Verificação em duas etapas
two-step-intro = Com a verificação em duas etapas, a entrada pede a sua senha e depois um código de 6 dígitos de um aplicativo autenticador no seu celular (como Google Authenticator, Microsoft Authenticator, 1Password ou Aegis). Quem descobrir a sua senha ainda assim não consegue entrar.
two-step-off-heading = A verificação em duas etapas está desativada
two-step-set-up = Configurar a verificação em duas etapas
two-step-enrol-heading = Configurar a verificação em duas etapas
two-step-enrol-scan = Abra o seu aplicativo autenticador e leia este QR code.
two-step-qr-alt = QR code para ler com um aplicativo autenticador
two-step-enrol-type = Não consegue ler? Digite esta chave no aplicativo:
two-step-enrol-confirm = Digite o código de 6 dígitos que o aplicativo mostra agora, para confirmar.
two-step-code = Código do aplicativo
two-step-confirm = Ativar a verificação em duas etapas
two-step-code-wrong = Esse código não está certo. Digite o código de 6 dígitos que o aplicativo mostra agora (os códigos mudam a cada 30 segundos).
two-step-start-again = A configuração expirou. Comece de novo.
two-step-enabled = A verificação em duas etapas está ativada.
two-step-codes-heading = Seus códigos de recuperação
two-step-codes-intro = Se você perder o celular, cada um destes códigos permite entrar uma vez no lugar do código do aplicativo. Imprima-os ou guarde-os no seu gerenciador de senhas.
two-step-codes-once = Eles aparecem só agora. Você pode gerar novos a qualquer momento; os antigos deixam então de valer.
two-step-on-heading = A verificação em duas etapas está ativada
two-step-on-since = Ativada desde { $date }.
two-step-codes-left =
    { $count ->
        [one] Resta 1 código de recuperação.
       *[other] Restam { $count-text } códigos de recuperação.
    }
two-step-renew-codes = Gerar novos códigos de recuperação
two-step-codes-renewed = Novos códigos de recuperação gerados; os antigos não valem mais.
two-step-turn-off = Desativar a verificação em duas etapas
two-step-disabled = A verificação em duas etapas está desativada.
two-step-required-by = Exigida por { $groups }: não pode ser desativada enquanto você fizer parte da equipe.
two-step-required-keep = Um grupo de cuja equipe você faz parte exige a verificação em duas etapas: ela não pode ser desativada.
two-step-required-owner-first = Ative primeiro a verificação em duas etapas para você (no seu perfil): do contrário, isto bloquearia o seu próprio acesso a este console.
two-step-required-flash = { $group } exige a verificação em duas etapas da equipe. Configure-a para abrir o console.
two-step-reset-done = A verificação em duas etapas de { $name } foi redefinida: a pessoa entra com a senha e configura de novo.
two-step-reset-off = Essa pessoa não usa a verificação em duas etapas.
login-two-step-intro = Digite o código de 6 dígitos do seu aplicativo autenticador.
login-two-step-code = Código
login-two-step-hint = Perdeu o celular? Digite um dos seus códigos de recuperação.
login-two-step-submit = Verificar
login-two-step-restart = Começar de novo
login-two-step-expired = Demorou demais. Digite de novo o seu e-mail e a sua senha.
login-two-step-enter = Digite o código do aplicativo ou um código de recuperação.
login-two-step-wrong = Esse código não está certo ou já foi usado. Digite o código que o aplicativo mostra agora ou um código de recuperação.
settings-security-legend = Segurança
settings-two-step-required = Exigir a verificação em duas etapas da equipe
settings-two-step-hint = Quem da equipe não a tiver precisará configurá-la antes de abrir este console.
settings-two-step-owner-only = Só o proprietário do grupo pode mudar isto.
settings-two-step-save = Salvar a configuração de segurança
people-two-step = Duas etapas
people-two-step-reset = Redefinir a verificação em duas etapas
audit-action-user-two-step-enabled = Verificação em duas etapas ativada
audit-action-user-two-step-disabled = Verificação em duas etapas desativada
audit-action-user-recovery-codes-renewed = Novos códigos de recuperação gerados
audit-action-user-recovery-code-used = Entrada com código de recuperação
audit-action-user-two-step-reset = Verificação em duas etapas redefinida
audit-action-group-two-step-required-changed = Exigência da verificação em duas etapas alterada
two-step-reset-elsewhere = Essa pessoa também faz parte de outras contas, que a verificação em duas etapas dela também protege: não pode ser redefinida daqui. O operador deste console pode redefini-la (clientele reset-two-step).

## Saved views and columns of the client list (issue 17)

clients-col-id = ID
clients-col-custom-id = Nome no seu sistema
clients-col-unique-identifier = Identificador único
clients-col-country = País
clients-col-city = Cidade
views-label = Visões
views-default-mark = padrão
views-all-clients = Todos os clientes
views-my-clients = Meus clientes
views-save-title = Salvar visão
views-name = Nome da visão
views-make-default = Abrir a lista de clientes com esta visão
views-save-hint = Salva a ordenação, os filtros e as colunas mostrados agora. Uma visão com o mesmo nome é substituída.
views-save = Salvar visão
views-columns-title = Colunas
views-columns-legend = Mostrar estas colunas
views-columns-hint = Sua escolha, em todos os grupos; a exportação CSV tem as mesmas colunas.
views-columns-save = Mostrar colunas
views-manage-title = Gerenciar visões
views-default-label = Abrir a lista de clientes com
views-default-none = Todos os clientes (nenhuma visão salva)
views-default-none-seller = Meus clientes (nenhuma visão salva)
views-default-save = Salvar padrão
views-delete = Excluir
views-delete-named = Excluir a visão { $name }
views-columns-saved = Colunas salvas.
views-saved = Visão { $name } salva.
views-replaced = Visão { $name } substituída por esta lista.
views-default-set = A lista de clientes agora abre com { $name }.
views-default-cleared = A lista de clientes volta a abrir sem visão salva.
views-deleted = Visão { $name } excluída.
error-enter-view-name = Digite um nome para a visão.
error-too-many-views = Você tem { $max-text } visões, o máximo possível: exclua uma antes.

## Bulk actions on the client list (issue 17)

bulk-label = Ação em massa nos clientes marcados
bulk-action = Com os clientes marcados
bulk-choose = Escolha uma ação…
bulk-action-disable = Desativar
bulk-action-enable = Ativar
bulk-action-seller = Atribuir um vendedor
bulk-action-test = Marcar como contas de teste
bulk-action-not-test = Desmarcar como contas de teste
bulk-action-export = Exportar para CSV
bulk-seller = Vendedor (a atribuir)
bulk-all-matching =
    { $count ->
        [one] Ou o 1 cliente que atende aos filtros
       *[other] Ou todos os { $count-text } clientes que atendem aos filtros
    }
bulk-all-matching-more = Ou todos os clientes que atendem aos filtros (mais de { $count-text })
bulk-continue = Continuar
bulk-select-column = Selecionar
bulk-select-named = Selecionar { $name }
bulk-choose-action = Escolha o que fazer com os clientes marcados.
bulk-choose-clients = Marque os clientes a alterar, ou escolha todos os clientes que atendem aos filtros.
bulk-confirm-heading = Confirmar a ação em massa
bulk-do-disable =
    { $count ->
        [one] Desativar 1 cliente
       *[other] Desativar { $count-text } clientes
    }
bulk-do-enable =
    { $count ->
        [one] Ativar 1 cliente
       *[other] Ativar { $count-text } clientes
    }
bulk-do-seller =
    { $count ->
        [one] Tornar { $seller } o vendedor de 1 cliente
       *[other] Tornar { $seller } o vendedor de { $count-text } clientes
    }
bulk-do-no-seller =
    { $count ->
        [one] Remover o vendedor de 1 cliente
       *[other] Remover o vendedor de { $count-text } clientes
    }
bulk-do-test =
    { $count ->
        [one] Marcar 1 cliente como conta de teste
       *[other] Marcar { $count-text } clientes como contas de teste
    }
bulk-do-not-test =
    { $count ->
        [one] Desmarcar 1 conta de teste
       *[other] Desmarcar { $count-text } contas de teste
    }
bulk-will-change =
    { $count ->
        [one] 1 cliente vai mudar:
       *[other] { $count-text } clientes vão mudar:
    }
bulk-unchanged =
    { $count ->
        [one] 1 outro selecionado já está assim (ou foi excluído) e fica como está.
       *[other] { $count-text } outros selecionados já estão assim (ou foram excluídos) e ficam como estão.
    }
bulk-and-more =
    { $count ->
        [one] e mais 1
       *[other] e mais { $count-text }
    }
bulk-audit-note = O histórico de cada cliente registra a mudança.
bulk-nothing =
    { $count ->
        [one] Nada a mudar: o cliente selecionado já está assim (ou foi excluído).
       *[other] Nada a mudar: os { $count-text } clientes selecionados já estão assim (ou foram excluídos).
    }
bulk-too-many = Mais de { $max-text } clientes atendem: uma ação em massa muda no máximo { $max-text }. Restrinja os filtros e tente de novo.
bulk-list-changed = A lista mudou desde que você olhou: veja o que a ação faria agora. Nada foi alterado.
bulk-client-refused = { $client } não pode ser salvo como está (um campo não passa mais nas verificações): abra a aba Editar cliente e corrija, ou deixe-o de fora. Nada foi alterado.
bulk-back = Voltar aos clientes
bulk-cancel = Cancelar
bulk-done-disable =
    { $count ->
        [one] 1 cliente desativado.
       *[other] { $count-text } clientes desativados.
    }
bulk-done-enable =
    { $count ->
        [one] 1 cliente ativado.
       *[other] { $count-text } clientes ativados.
    }
bulk-done-seller =
    { $count ->
        [one] Vendedor de 1 cliente alterado.
       *[other] Vendedor de { $count-text } clientes alterado.
    }
bulk-done-test =
    { $count ->
        [one] 1 cliente marcado como conta de teste.
       *[other] { $count-text } clientes marcados como contas de teste.
    }
bulk-done-not-test =
    { $count ->
        [one] 1 cliente desmarcado como conta de teste.
       *[other] { $count-text } clientes desmarcados como contas de teste.
    }

## Personal API tokens (issue 17)

profile-tokens = Tokens de API
profile-tokens-intro = Tokens pessoais para a API somente leitura (/api/v1, descrita em /api/v1/openapi.json): um script envia um como Authorization: Bearer … e vê o que você vê. Revogue um token que não usa mais.
profile-token-copy-now = Copie seu novo token agora: ele é mostrado só desta vez.
profile-token-name = Nome do token
profile-token-created = Criado
profile-token-last-used = Último uso
profile-token-never = nunca
profile-token-revoked-on = revogado em { $date }
profile-token-revoke = Revogar
profile-token-revoke-named = Revogar o token { $name }
profile-token-make = Criar um token
profile-token-made = Token { $name } criado.
profile-token-revoked = Token revogado: ele não abre mais nada.
error-enter-token-name = Dê um nome ao token (o que o usa).
error-too-many-tokens = Você tem { $max-text } tokens, o máximo possível: revogue um antes.

# The operators' status page (issue 18)
nav-system = Estado do sistema
system-title = Estado do sistema
system-page-title = Estado do sistema · { $group }
system-intro = Como está esta instalação: para quem a opera. Contagens e horários são lidos agora; os dados de e-mail são desta instância desde que iniciou.
system-section-server = Servidor
system-version = Versão
system-uptime = No ar há
system-uptime-value = { $days } d { $hours } h { $minutes } min
system-section-database = Banco de dados
system-database-kind = Tipo
system-database-size = Tamanho
system-migrations = Migrações aplicadas
system-migrations-pending = { $count } aguardando (aplicadas no próximo início)
system-section-mail = E-mail
system-outbox = Aguardando envio
system-outbox-oldest = o mais antigo pendente desde { $when }
system-outbox-none-due = nenhum pendente
system-transport = Enviado por
system-mail-last-error = Último erro de entrega
system-mail-no-error = Nenhum desde que esta instância iniciou
system-section-jobs = Tarefas agendadas
system-jobs-caption = A última execução de cada tarefa agendada, em qualquer instância
system-col-job = Tarefa
system-col-last-run = Última execução
system-col-result = Resultado
system-job-never = Ainda não executada
system-job-ok = OK · { $rows } alterados
system-job-failed = Falhou
job-sessions = Sessões expiradas removidas
job-setup-links = Links de configuração expirados removidos
job-sign-in-failures = Tentativas de acesso antigas removidas
job-reset-links = Links antigos de redefinição de senha removidos
job-email-change-links = Links antigos de troca de e-mail removidos
job-support-access = Acessos de suporte encerrados
job-pending-owners = Proprietários removidos por não ativarem
job-owner-reminders = Proprietários lembrados no dia 11 de 14
job-invitations = Convites expirados
job-deletions = Clientes excluídos após os 10 dias
